// The process watcher's JSON lines, and the per-PID table they merge into (pure, no I/O).
import type { SyscallEntry } from '../types.js';

/** One line of procWatcher's stdout. */
export type WatchLine =
  | { event: 'ready'; mode: WatchMode; why?: string; rcvbuf?: number; log?: SyscallEntry[] }
  | { event: 'overflow'; t: number }
  | { event: 'error'; why: string }
  | {
      event: 'fork' | 'exec' | 'exit' | 'comm';
      /** When the watcher read it: performance.timeOrigin + performance.now(), ms since the epoch. */
      t: number;
      /** connector mode: the kernel's own timestamp of the event, on the same epoch-ms scale. */
      kt?: number;
      pid: number;
      ppid: number;
      comm: string;
      cmdline: string;
      exitCode?: number;
      signal?: number;
    };

export type WatchMode = 'connector' | 'poll';

export interface ExecRecord {
  t: number;
  comm: string;
  cmdline: string;
}

export interface WatchedProcess {
  pid: number;
  ppid: number;
  /** The latest name: exec and prctl(PR_SET_NAME) update it. */
  comm: string;
  /** The latest command line (NUL-separated words joined by spaces, first CMDLINE_MAX (1000) characters: runc's subcommand comes after two long paths). */
  cmdline: string;
  /** When it appeared (fork, or first seen by the poller), ms since the epoch. */
  firstSeen: number;
  /** The first exec seen. */
  execAt?: number;
  exitAt?: number;
  exitCode?: number;
  signal?: number;
  /** Every execve(2), in order: runc's init execs the container's program in the same PID. */
  execs: ExecRecord[];
  /** Every rename by prctl(PR_SET_NAME): runc:[0:PARENT], runc:[1:CHILD], runc:[2:INIT]. */
  renames: { t: number; comm: string }[];
  /** Its first line was an exit or a rename: it started before the watch, firstSeen is not its start. */
  startUnknown?: true;
}

type EventLine = Extract<WatchLine, { pid: number }>;

/** Merges watcher lines per PID; a PID that exited and shows up again starts a new record. */
export class ProcessTable {
  private readonly records: WatchedProcess[] = [];
  private readonly current = new Map<number, WatchedProcess>();
  overflows = 0;

  constructor(private readonly limit = 50_000) {}

  apply(line: WatchLine): void {
    if (line.event === 'overflow') {
      this.overflows++;
      return;
    }
    if (line.event === 'ready' || line.event === 'error') return;
    const t = line.kt ?? line.t;
    let rec = this.current.get(line.pid);
    const stale = rec !== undefined && rec.exitAt !== undefined && line.event !== 'exit';
    if (!rec || stale || (line.event === 'fork' && rec.execs.length > 0)) rec = this.create(line, t);
    switch (line.event) {
      case 'fork':
        break;
      case 'exec':
        rec.execs.push({ t, comm: line.comm, cmdline: line.cmdline });
        rec.execAt ??= t;
        if (line.comm) rec.comm = line.comm;
        if (line.cmdline) rec.cmdline = line.cmdline;
        if (line.ppid) rec.ppid = line.ppid;
        break;
      case 'comm':
        rec.renames.push({ t, comm: line.comm });
        rec.comm = line.comm;
        break;
      case 'exit':
        rec.exitAt = t;
        if (line.exitCode !== undefined) rec.exitCode = line.exitCode;
        if (line.signal !== undefined) rec.signal = line.signal;
        if (line.ppid && !rec.ppid) rec.ppid = line.ppid;
        break;
    }
  }

  private create(line: EventLine, t: number): WatchedProcess {
    const rec: WatchedProcess = {
      pid: line.pid, ppid: line.ppid, comm: line.comm, cmdline: line.cmdline, firstSeen: t, execs: [], renames: [],
    };
    if (line.event === 'exit' || line.event === 'comm') rec.startUnknown = true;
    this.records.push(rec);
    this.current.set(line.pid, rec);
    if (this.records.length > this.limit) {
      const dropped = this.records.splice(0, this.records.length - this.limit);
      for (const old of dropped) if (this.current.get(old.pid) === old) this.current.delete(old.pid);
    }
    return rec;
  }

  /** Every record, in the order the processes appeared. */
  list(): WatchedProcess[] {
    return [...this.records];
  }

  /** The latest record of a PID. */
  get(pid: number): WatchedProcess | undefined {
    return this.current.get(pid);
  }

  /** Processes that appeared or exec'd at or after t0 (ms since the epoch). */
  since(t0: number): WatchedProcess[] {
    return this.records.filter((r) => (r.firstSeen >= t0 && !r.startUnknown) || r.execs.some((e) => e.t >= t0));
  }
}
