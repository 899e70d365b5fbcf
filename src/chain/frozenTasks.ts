// What a pause leaves in the kernel: the freezer's answer and how /proc shows each task of the frozen cgroup.
import { dirname, join } from 'node:path';
import { readFreezer, type FreezerReading } from './freezer.js';
import { readProc, type ProcReader } from './procRead.js';

export interface TaskState {
  pid: number;
  comm: string;
  /** proc(5) stat field 3: D, S, R… */
  state: string;
  /** /proc/<pid>/wchan: the kernel function it waits in ('' when the kernel shows none) */
  wchan: string;
}

export interface FrozenReading extends FreezerReading {
  /** the freezer cgroup's directory */
  dir: string;
  /** 'v1' when the answer came from freezer.state, 'v2' from cgroup.events */
  version: 'v1' | 'v2';
  tasks: TaskState[];
}

function wchan(sys: ProcReader, pid: number): string {
  try {
    const w = sys.readFile(`/proc/${pid}/wchan`).trim();
    return w === '0' ? '' : w;
  } catch {
    return '';
  }
}

/** The freezer of the process's cgroup and every process in that cgroup (cgroup.procs); null without a freezer. */
export function readFrozenTasks(sys: ProcReader, pid: number): FrozenReading | null {
  const f = readFreezer(sys, pid);
  if (!f) return null;
  const dir = dirname(f.file);
  const pids = sys.readFile(join(dir, 'cgroup.procs')).split('\n').filter((l) => /^\d+$/.test(l)).map(Number);
  const tasks = pids
    .map((p) => readProc(sys, p))
    .filter((p) => p !== null)
    .map((p) => ({ pid: p.pid, comm: p.comm, state: p.state, wchan: wchan(sys, p.pid) }));
  return { ...f, dir, version: f.file.endsWith('freezer.state') ? 'v1' : 'v2', tasks };
}
