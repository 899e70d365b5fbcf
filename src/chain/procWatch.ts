// Runs the process watcher (src/programs/procWatcher.ts) and merges its lines into a per-PID table, for timelines of who started whom.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { programs } from '../sys/paths.js';
import type { SyscallEntry } from '../types.js';
import { ProcessTable, type WatchLine, type WatchMode, type WatchedProcess } from './procTable.js';

export type { WatchedProcess, WatchMode, ExecRecord } from './procTable.js';

export interface ProcWatch {
  mode: WatchMode;
  /** poll mode: why the proc connector could not be used. */
  why?: string;
  /** The watcher process. */
  pid: number;
  /** The watcher's setup calls (socket, bind, setsockopt, send…), for the syscall panel. */
  setupLog: SyscallEntry[];
  /** Every process seen since the watch started, in the order they appeared (copies). */
  events(): WatchedProcess[];
  /** Processes that appeared or exec'd at or after t0 (ms since the epoch, see nowMs()). */
  since(t0: number): WatchedProcess[];
  /** The latest record of a PID. */
  get(pid: number): WatchedProcess | undefined;
  /** Times the kernel dropped events because the watcher's socket buffer was full. */
  overflows(): number;
  /** Called after each merged line; returns an unsubscribe function. */
  onChange(listener: (line: WatchLine) => void): () => void;
  stop(): Promise<void>;
}

export interface ProcWatchOptions {
  /** 'poll' forces the /proc polling fallback (as CONTAINER_LAB_PROCWATCH=poll does). */
  mode?: 'poll';
  readyTimeoutMs?: number;
  /** Most records kept; the oldest go first. */
  limit?: number;
}

/** The clock the watcher stamps with: ms since the epoch, sub-ms resolution. Use it for t0. */
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}

const clone = (p: WatchedProcess): WatchedProcess => structuredClone(p);

export function startProcWatch(options: ProcWatchOptions = {}): Promise<ProcWatch> {
  const env = { ...process.env };
  if (options.mode === 'poll') env.CONTAINER_LAB_PROCWATCH = 'poll';
  const child = spawn(process.execPath, [programs.procWatcher, '--container-lab-procwatch', String(process.pid)], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env,
  });
  const table = new ProcessTable(options.limit);
  const listeners = new Set<(line: WatchLine) => void>();
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  child.stdin.on('error', () => {}); // EPIPE after the watcher died
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });

  return new Promise<ProcWatch>((resolve, reject) => {
    let ready = false;
    const fail = (why: string) => {
      if (ready) return;
      ready = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`container-lab: the process watcher did not start: ${why}${stderr ? `\n${stderr.trim()}` : ''}`));
    };
    const timer = setTimeout(() => fail('no ready line in time'), options.readyTimeoutMs ?? 5000);
    child.once('error', (error) => fail(error.message));
    child.once('exit', (code, signal) => fail(`it exited (${signal ?? code})`));

    const lines = createInterface({ input: child.stdout });
    lines.on('line', (text) => {
      let line: WatchLine;
      try {
        line = JSON.parse(text) as WatchLine;
      } catch {
        return;
      }
      if (line.event === 'ready' && !ready) {
        ready = true;
        clearTimeout(timer);
        resolve(watch(line));
        return;
      }
      table.apply(line);
      for (const listener of listeners) listener(line);
    });

    const watch = (line: Extract<WatchLine, { event: 'ready' }>): ProcWatch => ({
      mode: line.mode,
      ...(line.why ? { why: line.why } : {}),
      pid: child.pid ?? -1,
      setupLog: line.log ?? [],
      events: () => table.list().map(clone),
      since: (t0) => table.since(t0).map(clone),
      get: (pid) => {
        const rec = table.get(pid);
        return rec ? clone(rec) : undefined;
      },
      overflows: () => table.overflows,
      onChange: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      stop: async () => {
        child.stdin.end();
        const timeout = setTimeout(() => child.kill('SIGKILL'), 1000);
        await exited;
        clearTimeout(timeout);
        lines.close();
      },
    });
  });
}
