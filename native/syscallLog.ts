// Records every kernel call as an strace-style entry: name, rendered args, return, errno.
import type { SyscallEntry } from '../src/types.js';
import { errnoText } from './errno.js';

/** Quotes a string argument the way strace does. */
export function quote(value: string | null): string {
  return value === null ? 'NULL' : JSON.stringify(value);
}

export class SyscallLog {
  private entries: SyscallEntry[] = [];

  record(call: string, args: string[], ret: number | string, errno?: string, ms?: number): SyscallEntry {
    const entry: SyscallEntry = { t: Date.now(), call, args, ret: String(ret), pid: process.pid };
    if (errno) {
      entry.errno = errno;
      entry.message = errnoText(errno);
    }
    if (ms !== undefined) entry.ms = Math.round(ms * 1000) / 1000;
    this.entries.push(entry);
    return entry;
  }

  /** Hands over what was recorded since the last call. */
  drain(): SyscallEntry[] {
    const out = this.entries;
    this.entries = [];
    return out;
  }
}

/** The process-wide log the kernel wrappers write to. */
export const syscallLog = new SyscallLog();
