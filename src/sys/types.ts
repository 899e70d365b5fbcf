// The kernel seam: every kernel call, kernel-file access and program run a step makes goes through one Sys.
// The real one (sys/real.ts) calls the kernel and records the syscall log; a recording fake in the
// unit tests implements the same interface without touching the kernel.
import type { SyscallEntry } from '../types.js';

/** Calls this process makes into the kernel through koffi (native/kernel.ts), each logged. */
export interface KernelCalls {
  unshare(flags: number): void;
  setns(fd: number, nstype: number): void;
  mount(source: string | null, target: string, fstype: string | null, flags: number, data: string | null): void;
  umount2(target: string, flags: number): void;
  sethostname(name: string): void;
  pivotRoot(newRoot: string, putOld: string): void;
  chroot(path: string): void;
  chdir(path: string): void;
  setParentDeathSignal(signal: number, signalName: string): void;
  setLinkUp(name: string): void;
  linkFlags(name: string, record?: boolean): number;
}

export interface FileStat {
  dev: number;
  ino: number;
  mode: number;
  uid: number;
  gid: number;
  size: number;
  rdev: number;
  isFile: boolean;
  isDirectory: boolean;
  isSymbolicLink: boolean;
  isCharacterDevice: boolean;
}

export interface ProgramRun {
  argv: string[];
  status: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  /** ms since the epoch when the program was spawned and when it ended */
  startedAt: number;
  endedAt: number;
  pid: number | null;
  /** set when the program could not be started (ENOENT…) */
  error?: string;
}

export interface RunOptions {
  timeoutMs?: number;
  input?: string;
  env?: NodeJS.ProcessEnv;
  /** called with the child's PID right after the spawn (async runs only) */
  onSpawn?: (pid: number) => void;
  /** how the run appears in the syscall log: false keeps it out (checks reading state), an argv shows that instead */
  log?: boolean | string[];
}

export interface StartOptions {
  /** the child's stdout and stderr are appended to this file (stdin is /dev/null); without it, both go nowhere */
  output?: string;
  cwd?: string;
}

export interface Sys {
  kernel: KernelCalls;
  /** reads are not logged: they are how the lab looks, not what it does */
  readFile(path: string): string;
  readlink(path: string): string;
  readdir(path: string): string[];
  exists(path: string): boolean;
  /** lstat(2): a link is reported as the link */
  lstat(path: string): FileStat;
  /** open + write + close, logged as one write(2) of the path */
  writeFile(path: string, data: string): void;
  mkdir(path: string, mode?: number): void;
  rmdir(path: string): void;
  /** kill(2); false when the process was already gone */
  kill(pid: number, signal: NodeJS.Signals): boolean;
  /** runs a program to its end; logged as execve("name", [args]) = status, unless log is false */
  run(argv: string[], opts?: RunOptions): Promise<ProgramRun>;
  /** the same, blocking: for checks, which read state synchronously */
  runSync(argv: string[], opts?: RunOptions): ProgramRun;
  /**
   * starts a long-lived child (a daemon) and returns its PID at once, without waiting for it; not
   * logged here: the caller logs the spawn when the child is ready (its time to ready is part of the line)
   */
  start(argv: string[], opts?: StartOptions): number;
  /** records a line in the step's syscall log */
  record(call: string, args: string[], ret: number | string, errno?: string, ms?: number): void;
  /** hands over what was logged since the last drain */
  drain(): SyscallEntry[];
}
