// A process's open files from /proc/<pid>/fd and fdinfo, and which fds of two processes are the two ends of one pipe or FIFO.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';

/** r: opened for reading, w: for writing, rw: both, path: O_PATH (a handle, no data moves). */
export type FdMode = 'r' | 'w' | 'rw' | 'path';

export interface OpenFd {
  pid: number;
  fd: number;
  /** readlink of /proc/<pid>/fd/<fd>: "pipe:[1198674]", a path, "socket:[…]", "/dev/null" */
  target: string;
  mode: FdMode;
}

const O_ACCMODE = 0o3;
const O_PATH = 0o10000000;

/** fdinfo's "flags:" is octal: the access mode sits in its low two bits. */
export function fdMode(flagsOctal: string): FdMode {
  const flags = parseInt(flagsOctal, 8);
  if (flags & O_PATH) return 'path';
  return (['r', 'w', 'rw', 'rw'] as const)[flags & O_ACCMODE];
}

export function openFd(root: string, pid: number, fd: number): OpenFd | null {
  const dir = join(root, 'proc', String(pid));
  try {
    const target = readlinkSync(join(dir, 'fd', String(fd)));
    const flags = /^flags:\s+([0-7]+)$/m.exec(readFileSync(join(dir, 'fdinfo', String(fd)), 'utf8'));
    return { pid, fd, target, mode: flags ? fdMode(flags[1]) : 'rw' };
  } catch {
    return null; // closed, or the process is gone
  }
}

export function openFds(root: string, pid: number): OpenFd[] {
  let names: string[];
  try {
    names = readdirSync(join(root, 'proc', String(pid), 'fd'));
  } catch {
    return [];
  }
  return names
    .map(Number)
    .sort((a, b) => a - b)
    .map((fd) => openFd(root, pid, fd))
    .filter((f): f is OpenFd => f !== null);
}

/**
 * The fds of `b` at the other end of each fd of `a`: the same pipe or FIFO (one readlink target
 * for both ends), opened the other way round. A pipe(2) has one inode for its two ends, so
 * "pipe:[N]" names the pipe, and only the access mode tells the ends apart.
 */
export function otherEnds(a: OpenFd[], b: OpenFd[]): Array<{ a: OpenFd; b: OpenFd }> {
  const pairs: Array<{ a: OpenFd; b: OpenFd }> = [];
  for (const x of a) {
    if (x.mode === 'path' || x.mode === 'rw') continue;
    for (const y of b) {
      if (y.target === x.target && y.mode !== 'path' && y.mode !== 'rw' && y.mode !== x.mode) pairs.push({ a: x, b: y });
    }
  }
  return pairs;
}
