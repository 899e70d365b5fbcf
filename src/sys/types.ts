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

export interface WriteHow {
  /** O_APPEND instead of O_TRUNC */
  append?: boolean;
  /** the mode a file made by this open(2) gets (before the umask); 0666 when not given */
  mode?: number;
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
  /**
   * For a program whose children keep its stdio (runc create): stdin /dev/null, stdout and stderr
   * appended to this file, the wait for its exit alone; what it wrote there comes back as stderr.
   */
  outputFile?: string;
}

export interface StartOptions {
  /** fds 0 and 1 are pipes to this process (firstLine reads stdout; stdin stays open for the child's life); else /dev/null */
  pipes?: boolean;
  /** a pipe on the child's fd 3 whose other end this process holds: the child sees its parent die as end of stream (init.ts) */
  parentPipe?: boolean;
  /** stdout and stderr appended to this file (a daemon's log); without it stderr is shared with this process */
  output?: string;
  /** without output: stderr to nowhere instead of this process's */
  quiet?: boolean;
  cwd?: string;
  /** the name it shows in ps(1) (its argv[0]) */
  argv0?: string;
  /** a session of its own (setsid(2)): a Ctrl-C typed on the terminal never reaches it */
  detached?: boolean;
  /** it does not keep this process's event loop alive (a daemon the lab watches by its PID) */
  unref?: boolean;
  /** how the start appears in the syscall log: false keeps it out (the caller logs it when the child is ready), an argv shows that instead */
  log?: boolean | string[];
}

/** A program left running. */
export interface Started {
  pid: number;
  /** the first line it prints on stdout (pipes only); null when it ends, or timeoutMs passes, first */
  firstLine(timeoutMs: number): Promise<string | null>;
  /** SIGKILL (not logged: it is cleanup), then waits up to timeoutMs for the child to be reaped */
  stop(timeoutMs?: number): Promise<void>;
  /** called when it exits */
  onExit(listener: () => void): void;
}

/**
 * Paths inside a root a container can write to (its /proc/<pid>/root, an overlay's merged or
 * upper dir, a volume), resolved as a process chrooted there would: an absolute symlink or ".."
 * never leaves the root (openat2(2) RESOLVE_IN_ROOT|RESOLVE_NO_MAGICLINKS, or on kernels before
 * 5.6 a child chrooted into it). Paths are the container's ("/tmp/stop" or "tmp/stop").
 * Reads are not logged; changes are.
 */
export interface InRoot {
  /** the root as the caller named it, e.g. /proc/123/root */
  readonly root: string;
  /** 'openat2', or 'chroot' for the fallback */
  readonly via: 'openat2' | 'chroot';
  readFile(path: string): string;
  readBytes(path: string): Buffer;
  readdir(path: string): string[];
  /** the last component is not followed */
  lstat(path: string): FileStat;
  readlink(path: string): string;
  /** lstat succeeds */
  exists(path: string): boolean;
  /** opens with O_CREAT (follows a last-component link, inside the root), writes, closes */
  writeFile(path: string, data: string, how?: WriteHow): void;
  /** unlinkat(2) in the parent: the last component is never followed */
  unlink(path: string): void;
  mkdir(path: string, mode?: number): void;
  rmdir(path: string): void;
}

export interface Sys {
  kernel: KernelCalls;
  /**
   * Opens `root` once, runs `use` on it, closes it. A root of the form /proc/<pid>/root is entered
   * with that process's mount namespace by the fallback.
   */
  inRoot<T>(root: string, use: (r: InRoot) => T): T;
  /** reads are not logged: they are how the lab looks, not what it does */
  readFile(path: string): string;
  readlink(path: string): string;
  readdir(path: string): string[];
  exists(path: string): boolean;
  /** lstat(2): a link is reported as the link */
  lstat(path: string): FileStat;
  /** stat(2): links followed, e.g. /proc/<pid>/exe to the program's dev and inode */
  stat(path: string): FileStat;
  /** a file's bytes (image blobs), not decoded */
  readBytes(path: string): Buffer;
  /**
   * open + write + close, logged as one write(2) of the path. With `how`, open(2) gets those flags
   * and that mode (O_WRONLY|O_CREAT|O_TRUNC, or O_APPEND) and the log line shows them.
   */
  writeFile(path: string, data: string, how?: WriteHow): void;
  /** unlink(2) */
  unlink(path: string): void;
  mkdir(path: string, mode?: number): void;
  rmdir(path: string): void;
  /** kill(2); false when the process was already gone */
  kill(pid: number, signal: NodeJS.Signals): boolean;
  /** runs a program to its end; logged as execve("name", [args]) = status, unless log is false */
  run(argv: string[], opts?: RunOptions): Promise<ProgramRun>;
  /** the same, blocking: for checks, which read state synchronously */
  runSync(argv: string[], opts?: RunOptions): ProgramRun;
  /**
   * starts a program that outlives the step (PID 1, a namespace holder, a forwarder, a daemon) and
   * returns at once; logged as spawn unless log is false; throws when it cannot start
   */
  start(argv: string[], opts?: StartOptions): Started;
  /** records a line in the step's syscall log */
  record(call: string, args: string[], ret: number | string, errno?: string, ms?: number): void;
  /** hands over what was logged since the last drain */
  drain(): SyscallEntry[];
}
