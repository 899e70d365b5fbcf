// A process as the chain's steps and checks read it through the kernel seam: /proc/<pid>/stat and cmdline.
import type { Sys } from '../sys/types.js';

/** What reading /proc takes: the seam's readers (a recording fake in the unit tests). */
export type ProcReader = Pick<Sys, 'readFile' | 'readdir' | 'readlink'>;

export interface ChainProc {
  pid: number;
  ppid: number;
  /** stat's comm, between the parentheses */
  comm: string;
  /** proc(5) stat field 3: R, S, Z… */
  state: string;
  /** the arguments joined with spaces */
  cmdline: string;
}

/** The process from /proc/<pid>/stat and cmdline, zombies included; null when it is gone. */
export function readProc(fs: ProcReader, pid: number): ChainProc | null {
  try {
    const stat = fs.readFile(`/proc/${pid}/stat`);
    const close = stat.lastIndexOf(')');
    const f = stat.slice(close + 2).split(' ');
    const cmdline = fs.readFile(`/proc/${pid}/cmdline`).replace(/\0+$/, '').replace(/\0/g, ' ');
    return { pid, ppid: Number(f[1]), comm: stat.slice(stat.indexOf('(') + 1, close), state: f[0], cmdline };
  } catch {
    return null;
  }
}

/** The process if it runs: not gone, not a zombie (Z) or dead (X). */
export function liveProc(fs: ProcReader, pid: number): ChainProc | null {
  const p = readProc(fs, pid);
  return p && p.state !== 'Z' && p.state !== 'X' ? p : null;
}

/** Every running process in /proc but the helper itself. */
export function liveProcs(fs: ProcReader): ChainProc[] {
  return fs.readdir('/proc')
    .filter((n) => /^\d+$/.test(n))
    .map((n) => liveProc(fs, Number(n)))
    .filter((p): p is ChainProc => p !== null && p.pid !== process.pid);
}

/** The last PID of /proc/<pid>/status NSpid: the process's PID in its own PID namespace. */
export function nsPid(fs: ProcReader, pid: number): string {
  return /^NSpid:\s+(.*)$/m.exec(fs.readFile(`/proc/${pid}/status`))?.[1].trim().split(/\s+/).pop() ?? '?';
}
