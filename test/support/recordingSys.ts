// A recording fake of the kernel seam (src/sys/types.ts): no kernel is touched; every call is kept.
// Files live in a map; programs answer from a table; the calls list is what a test asserts.
import type { FileStat, InRoot, KernelCalls, ProgramRun, RunOptions, StartOptions, Started, Sys, WriteHow } from '../../src/sys/types.js';
import { KernelError } from '../../native/errno.js';
import { FakeInRoot } from './fakeInRoot.js';
import type { SyscallEntry } from '../../src/types.js';

export type RecordedCall =
  | { via: 'kernel'; call: keyof KernelCalls; args: unknown[] }
  | { via: 'fs'; call: 'writeFile' | 'unlink' | 'mkdir' | 'rmdir'; path: string; data?: string; mode?: number; append?: boolean }
  | { via: 'inRoot'; root: string; call: 'writeFile' | 'unlink' | 'mkdir' | 'rmdir'; path: string; data?: string; mode?: number; append?: boolean }
  | { via: 'program'; argv: string[]; input?: string; outputFile?: string }
  | ({ via: 'start'; argv: string[] } & Omit<StartOptions, 'log'>)
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
  /** st_mode of a file or directory, where the default (0644 file, 0755 directory) will not do */
  modes = new Map<string, number>();
  /** file contents that are not text (image blobs), for readBytes */
  bytes = new Map<string, Buffer>();
  /** what lstat reports beyond the defaults, by path: inodes, character devices (whiteouts) */
  stats = new Map<string, Partial<FileStat>>();
  /** processes kill(2) may reach; others get ESRCH (false) */
  alive = new Set<number>();
  /** kernel calls that fail, with the errno number they fail with */
  failing = new Map<keyof KernelCalls, number>();
  /** the PID the next start() gets when the program table names none (then counts up) */
  nextPid = 5000;
  /** called after each start(), e.g. to make the socket a daemon would listen on */
  onStart?: (argv: string[], pid: number) => void;
  private exitListeners = new Map<number, Array<() => void>>();
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
      const errno = this.failing.get(name as keyof KernelCalls);
      if (errno !== undefined) {
        const error = new KernelError(name, errno);
        this.entry(name, args.map(String), -1, error.code);
        throw error;
      }
      this.entry(name, args.map(String), 0);
      return name === 'linkFlags' ? 0 : undefined;
    },
  });

  /** Container paths under `root` in the maps above, links resolved inside it (test/support/fakeInRoot.ts). */
  inRoot<T>(root: string, use: (r: InRoot) => T): T {
    return use(new FakeInRoot(this, root));
  }

  readFile(path: string): string {
    const text = this.files.get(path) ?? this.bytes.get(path)?.toString('utf8');
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
    for (const p of [...this.files.keys(), ...this.bytes.keys(), ...this.stats.keys(), ...this.links.keys(), ...this.dirs]) {
      if (p.startsWith(prefix)) names.add(p.slice(prefix.length).split('/')[0]);
    }
    if (names.size === 0 && !this.dirs.has(path)) throw enoent(path);
    return [...names].sort();
  }

  readBytes(path: string): Buffer {
    const bytes = this.bytes.get(path);
    return bytes ?? Buffer.from(this.readFile(path), 'utf8');
  }

  exists(path: string): boolean {
    return this.files.has(path) || this.bytes.has(path) || this.stats.has(path) || this.links.has(path) || this.dirs.has(path)
      || [...this.files.keys(), ...this.bytes.keys(), ...this.dirs].some((p) => p.startsWith(path + '/'));
  }

  lstat(path: string): FileStat {
    if (!this.exists(path)) throw enoent(path);
    const isLink = this.links.has(path);
    const isFile = this.files.has(path) || this.bytes.has(path);
    const extra = this.stats.get(path) ?? {};
    const special = extra.isCharacterDevice === true;
    return {
      dev: 1, ino: 1, mode: this.modes.get(path) ?? (isFile ? 0o100644 : 0o40755), uid: 0, gid: 0, size: this.files.get(path)?.length ?? 0, rdev: 0,
      isFile, isDirectory: !isFile && !isLink && !special, isSymbolicLink: isLink, isCharacterDevice: false, ...extra,
    };
  }

  /** Follows links (a relative target from the link's directory); each file its own inode, by its path. */
  stat(path: string): FileStat {
    let at = path;
    for (let hops = 0; this.links.has(at); hops++) {
      if (hops > 40) throw Object.assign(new Error(`ELOOP: '${path}'`), { code: 'ELOOP' });
      const target = this.links.get(at)!;
      at = target.startsWith('/') ? target : `${at.slice(0, at.lastIndexOf('/'))}/${target}`;
    }
    const ino = [...at].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);
    return { ...this.lstat(at), ino };
  }

  writeFile(path: string, data: string, how?: WriteHow): void {
    this.calls.push({ via: 'fs', call: 'writeFile', path, data, ...how });
    this.files.set(path, how?.append ? (this.files.get(path) ?? '') + data : data);
    this.entry('write', [path, data], 0);
  }

  unlink(path: string): void {
    this.calls.push({ via: 'fs', call: 'unlink', path });
    if (!this.files.delete(path) && !this.links.delete(path)) throw enoent(path);
    this.entry('unlink', [path], 0);
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
    this.calls.push({ via: 'program', argv, ...(opts.input !== undefined ? { input: opts.input } : {}), ...(opts.outputFile !== undefined ? { outputFile: opts.outputFile } : {}) });
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

  /**
   * A long-lived child: answered from the program table (its pid, stdout's first line; error: it
   * cannot start), else the next PID; alive until stopped or exit(pid).
   */
  start(argv: string[], opts: StartOptions = {}): Started {
    const { log, ...shape } = opts;
    this.calls.push({ via: 'start', argv, ...Object.fromEntries(Object.entries(shape).filter(([, v]) => v !== undefined)) });
    const found = this.programs.find((p) => p.match(argv));
    const a = found ? (typeof found.answer === 'function' ? found.answer(argv) : found.answer) : {};
    const shown = Array.isArray(log) ? log : argv;
    if (a.error) {
      if (log !== false) this.entry(`spawn ${shown[0]}`, shown.slice(1), -1, a.error);
      throw new Error(`could not start ${argv[0]}`);
    }
    const pid = a.pid ?? this.nextPid++;
    this.alive.add(pid);
    if (log !== false) this.entry(`spawn ${shown[0]}`, shown.slice(1), pid);
    this.onStart?.(argv, pid);
    const line = a.stdout?.split('\n')[0];
    return {
      pid,
      firstLine: async () => (opts.pipes && line ? line : null),
      stop: async () => {
        this.calls.push({ via: 'kill', pid, signal: 'SIGKILL' });
        this.exit(pid);
      },
      onExit: (listener) => void this.exitListeners.set(pid, [...(this.exitListeners.get(pid) ?? []), listener]),
    };
  }

  /** A started program ends: its exit listeners run. */
  exit(pid: number): void {
    this.alive.delete(pid);
    for (const listener of this.exitListeners.get(pid) ?? []) listener();
    this.exitListeners.delete(pid);
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
