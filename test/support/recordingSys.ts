// A recording fake of the kernel seam (src/sys/types.ts): no kernel is touched; every call is kept.
// Files live in a map; programs answer from a table; the calls list is what a test asserts.
import type { FileStat, KernelCalls, ProgramRun, RunOptions, StartOptions, Sys } from '../../src/sys/types.js';
import type { SyscallEntry } from '../../src/types.js';

export type RecordedCall =
  | { via: 'kernel'; call: keyof KernelCalls; args: unknown[] }
  | { via: 'fs'; call: 'writeFile' | 'mkdir' | 'rmdir'; path: string; data?: string; mode?: number }
  | { via: 'program'; argv: string[]; input?: string }
  | { via: 'start'; argv: string[]; output?: string; cwd?: string }
  | { via: 'kill'; pid: number; signal: string };

/** What a program run answers: by its argv joined with spaces, or by a function of the argv. */
export type ProgramAnswer = Partial<Pick<ProgramRun, 'status' | 'signal' | 'stdout' | 'stderr' | 'pid' | 'error'>>;

function enoent(path: string): Error {
  return Object.assign(new Error(`ENOENT: no such file or directory, '${path}'`), { code: 'ENOENT', path });
}

export class RecordingSys implements Sys {
  readonly calls: RecordedCall[] = [];
  private log: SyscallEntry[] = [];
  /** path → content; a directory is a path whose content is undefined but which has children */
  files = new Map<string, string>();
  links = new Map<string, string>();
  dirs = new Set<string>();
  /** processes kill(2) may reach; others get ESRCH (false) */
  alive = new Set<number>();
  /** the PID the next start() returns (each start counts up) */
  nextPid = 70000;
  /** called after each start(), e.g. to make the socket a daemon would listen on */
  onStart?: (argv: string[], pid: number) => void;
  programs: Array<{ match: (argv: string[]) => boolean; answer: ProgramAnswer | ((argv: string[]) => ProgramAnswer) }> = [];

  constructor(init: { files?: Record<string, string>; links?: Record<string, string>; dirs?: string[]; alive?: number[] } = {}) {
    for (const [p, c] of Object.entries(init.files ?? {})) this.files.set(p, c);
    for (const [p, c] of Object.entries(init.links ?? {})) this.links.set(p, c);
    for (const d of init.dirs ?? []) this.dirs.add(d);
    for (const pid of init.alive ?? []) this.alive.add(pid);
  }

  /** Answers runs whose argv starts with these words (argv[0] compared by base name). */
  answer(prefix: string[], answer: ProgramAnswer | ((argv: string[]) => ProgramAnswer)): this {
    const base = (s: string) => s.slice(s.lastIndexOf('/') + 1);
    this.programs.push({ match: (argv) => prefix.every((w, i) => (i === 0 ? base(argv[0] ?? '') === base(w) : argv[i] === w)), answer });
    return this;
  }

  private entry(call: string, args: string[], ret: number | string, errno?: string): void {
    this.log.push({ t: 0, call, args, ret: String(ret), ...(errno ? { errno } : {}) });
  }

  kernel: KernelCalls = new Proxy({} as KernelCalls, {
    get: (_t, name: string) => (...args: unknown[]) => {
      this.calls.push({ via: 'kernel', call: name as keyof KernelCalls, args });
      this.entry(name, args.map(String), 0);
      return name === 'linkFlags' ? 0 : undefined;
    },
  });

  readFile(path: string): string {
    const text = this.files.get(path);
    if (text === undefined) throw enoent(path);
    return text;
  }

  readlink(path: string): string {
    const target = this.links.get(path);
    if (target === undefined) throw enoent(path);
    return target;
  }

  readdir(path: string): string[] {
    const prefix = path.endsWith('/') ? path : path + '/';
    const names = new Set<string>();
    for (const p of [...this.files.keys(), ...this.links.keys(), ...this.dirs]) {
      if (p.startsWith(prefix)) names.add(p.slice(prefix.length).split('/')[0]);
    }
    if (names.size === 0 && !this.dirs.has(path)) throw enoent(path);
    return [...names].sort();
  }

  exists(path: string): boolean {
    return this.files.has(path) || this.links.has(path) || this.dirs.has(path) || [...this.files.keys()].some((p) => p.startsWith(path + '/'));
  }

  lstat(path: string): FileStat {
    if (!this.exists(path)) throw enoent(path);
    const isLink = this.links.has(path);
    const isFile = this.files.has(path);
    return {
      dev: 1, ino: 1, mode: isFile ? 0o100644 : 0o40755, uid: 0, gid: 0, size: this.files.get(path)?.length ?? 0, rdev: 0,
      isFile, isDirectory: !isFile && !isLink, isSymbolicLink: isLink, isCharacterDevice: false,
    };
  }

  writeFile(path: string, data: string): void {
    this.calls.push({ via: 'fs', call: 'writeFile', path, data });
    this.files.set(path, data);
    this.entry('write', [path, data], 0);
  }

  mkdir(path: string, mode = 0o755): void {
    this.calls.push({ via: 'fs', call: 'mkdir', path, mode });
    this.dirs.add(path);
    this.entry('mkdir', [path], 0);
  }

  rmdir(path: string): void {
    this.calls.push({ via: 'fs', call: 'rmdir', path });
    this.dirs.delete(path);
    this.entry('rmdir', [path], 0);
  }

  kill(pid: number, signal: NodeJS.Signals): boolean {
    this.calls.push({ via: 'kill', pid, signal });
    if (!this.alive.has(pid)) return false;
    if (signal === 'SIGKILL') this.alive.delete(pid);
    this.entry('kill', [String(pid), signal], 0);
    return true;
  }

  runSync(argv: string[], opts: RunOptions = {}): ProgramRun {
    this.calls.push({ via: 'program', argv, ...(opts.input !== undefined ? { input: opts.input } : {}) });
    const found = this.programs.find((p) => p.match(argv));
    const a = found ? (typeof found.answer === 'function' ? found.answer(argv) : found.answer) : { status: null, error: 'ENOENT', stderr: `no answer for ${argv.join(' ')}` };
    const run: ProgramRun = { argv, status: 0, signal: null, stdout: '', stderr: '', startedAt: 0, endedAt: 0, pid: 4242, ...a };
    if (opts.log !== false) this.entry(argv[0], argv.slice(1), run.status ?? -1, run.error);
    return run;
  }

  async run(argv: string[], opts: RunOptions = {}): Promise<ProgramRun> {
    const run = this.runSync(argv, opts);
    if (run.pid !== null) opts.onSpawn?.(run.pid);
    return run;
  }

  start(argv: string[], opts: StartOptions = {}): number {
    this.calls.push({ via: 'start', argv, ...(opts.output !== undefined ? { output: opts.output } : {}), ...(opts.cwd !== undefined ? { cwd: opts.cwd } : {}) });
    const pid = this.nextPid++;
    this.alive.add(pid);
    this.onStart?.(argv, pid);
    return pid;
  }

  record(call: string, args: string[], ret: number | string, errno?: string): void {
    this.entry(call, args, ret, errno);
  }

  drain(): SyscallEntry[] {
    const out = this.log;
    this.log = [];
    return out;
  }
}
