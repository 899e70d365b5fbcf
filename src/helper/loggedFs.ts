// File operations the helper does on kernel interfaces (cgroupfs, /proc), recorded like syscalls.
import { mkdirSync, rmdirSync, writeFileSync } from 'node:fs';
import { syscallLog, quote } from '../../native/syscallLog.js';

function errnoOf(error: unknown): string {
  return (error as NodeJS.ErrnoException)?.code ?? 'EIO';
}

function logged(call: string, args: string[], fn: () => void): void {
  const started = performance.now();
  try {
    fn();
  } catch (error) {
    syscallLog.record(call, args, -1, errnoOf(error), performance.now() - started);
    throw error;
  }
  syscallLog.record(call, args, 0, undefined, performance.now() - started);
}

export function mkdirLogged(path: string, mode = 0o755): void {
  logged('mkdir', [quote(path), '0' + mode.toString(8)], () => mkdirSync(path, { mode }));
}

export function rmdirLogged(path: string): void {
  logged('rmdir', [quote(path)], () => rmdirSync(path));
}

/** open + write + close, shown as one write(2) of the path, as a presenter would explain it. */
export function writeLogged(path: string, data: string): void {
  logged('write', [quote(path), quote(data), String(Buffer.byteLength(data))], () => writeFileSync(path, data));
}
