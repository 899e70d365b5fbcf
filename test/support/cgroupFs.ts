// A recording fake of the kernel seam whose /sys/fs/cgroup obeys cgroup v2's rules, seeded from a captured host tree.
import { fileURLToPath } from 'node:url';
import { RecordingSys } from './recordingSys.js';
import { loadTree } from './fixtureTree.js';
import type { WriteHow } from '../../src/sys/types.js';

export const HOST_V2_SYSTEMD = fileURLToPath(new URL('../fixtures/host-v2-systemd', import.meta.url));

const CG = '/sys/fs/cgroup';
/** the controllers the lab uses; the fake models their files */
const MODELLED = ['cpu', 'memory', 'pids'];
/** controllers that may be enabled in a threaded subtree (cgroup-v2.rst "Threads") */
const THREADED_OK = new Set(['cpu', 'cpuset', 'perf_event', 'pids']);

function errno(code: string, what: string): Error {
  return Object.assign(new Error(`${code}: ${what}`), { code });
}

function words(text: string | undefined): string[] {
  return (text ?? '').split(/\s+/).filter(Boolean);
}

/** "-rw-r--r--" → 0o644 (type bits added by the caller) */
function modeBits(text: string): number {
  let bits = 0;
  for (const [i, c] of [...text.slice(1, 10)].entries()) if (c !== '-') bits |= 1 << (8 - i);
  return bits;
}

/** Files a fresh cgroup gets from each controller its parent enables for it, with their values (0444 when read-only). */
function controllerFiles(controller: string, swap: boolean): Array<[string, string, number]> {
  switch (controller) {
    case 'memory':
      return [
        ['memory.max', 'max\n', 0o644], ['memory.high', 'max\n', 0o644], ['memory.low', '0\n', 0o644], ['memory.min', '0\n', 0o644],
        ['memory.current', '0\n', 0o444], ['memory.peak', '0\n', 0o444], ['memory.stat', 'anon 0\nfile 0\n', 0o444],
        ['memory.events', 'low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\noom_group_kill 0\n', 0o444],
        // CONFIG_MEMCG_SWAP and swapaccount: without them the kernel has no memory.swap.* files
        ...(swap ? [['memory.swap.max', 'max\n', 0o644], ['memory.swap.current', '0\n', 0o444]] as Array<[string, string, number]> : []),
      ];
    case 'cpu':
      return [['cpu.max', 'max 100000\n', 0o644], ['cpu.weight', '100\n', 0o644]];
    case 'pids':
      return [['pids.max', 'max\n', 0o644], ['pids.current', '0\n', 0o444], ['pids.events', 'max 0\n', 0o444]];
    default:
      return [];
  }
}

export interface CgroupFsOptions {
  /** the euid of the process using the seam; 0 bypasses ownership, never the kernfs rules */
  uid?: number;
  /** swap accounting compiled in and on (the memory.swap.* files exist) */
  swapAccounting?: boolean;
  /** systemd is PID 1 (/run/systemd/system) and answers busctl StartTransientUnit */
  systemd?: boolean;
}

/*
 * The rules enforced, each as the kernel reports it (Documentation/admin-guide/cgroup-v2.rst,
 * kernel/cgroup/cgroup.c, fs/namei.c):
 * - a write to a file that does not exist: EACCES (open(2) with O_CREAT on kernfs, which has no
 *   create operation: lookup_open() in fs/namei.c); to a file with no write bit: EACCES, root too
 *   (kernfs_fop_open()); to a file another uid owns, not being root: EACCES.
 * - cgroup.subtree_control: "+c" for a controller not in cgroup.controllers: ENOENT; enabling in a
 *   non-root cgroup that has processes: EBUSY (no internal processes); a domain-only controller in a
 *   threaded cgroup: EOPNOTSUPP; "-c" while a child enables c itself: EBUSY; a bad token: EINVAL.
 * - cgroup.procs: a PID that is no process: ESRCH; into a non-root cgroup that enables
 *   controllers: EBUSY; not root: the common ancestor's cgroup.procs must be the writer's too, or
 *   EACCES (delegation containment, "Delegation Containment").
 * - limits: "max" or a number (cpu.max: "quota period"), else EINVAL.
 * - nsdelegate (the captured mount has it): from inside a cgroup namespace, a write to a resource
 *   file of the namespace's root cgroup is EPERM, and a move across its boundary ENOENT.
 * - mkdir in a cgroup another uid owns: EACCES; rmdir of a cgroup with children or processes:
 *   EBUSY; of one whose parent another uid owns: EACCES.
 */
export class CgroupFs extends RecordingSys {
  readonly uid: number;
  readonly swap: boolean;
  readonly systemd: boolean;
  /** path → owning uid, for cgroup directories and files */
  owners = new Map<string, number>();
  /** the root of the writer's cgroup namespace (cgroup_namespaces(7)); the host's is the mount's root */
  nsRoot = CG;

  constructor(fixture = HOST_V2_SYSTEMD, o: CgroupFsOptions = {}) {
    super();
    this.uid = o.uid ?? 0;
    this.swap = o.swapAccounting ?? true;
    this.systemd = o.systemd ?? true;
    loadTree(fixture, this, (dir, text) => {
      for (const line of text.split('\n').filter(Boolean)) {
        const [mode, uid, , ...name] = line.split(' ');
        const path = `${dir}/${name.join(' ')}`;
        this.owners.set(path, Number(uid));
        this.modes.set(path, (mode.startsWith('d') ? 0o40000 : 0o100000) | modeBits(mode));
        // write-only files (cgroup.kill) could not be read by the capture, but they exist
        if (!mode.startsWith('d') && !this.files.has(path)) this.files.set(path, '');
      }
    });
    this.owners.set(CG, 0);
    if (!this.swap) for (const p of [...this.files.keys()]) if (/\/memory\.swap\.[^/]+$/.test(p)) this.files.delete(p);
    if (this.systemd) this.dirs.add('/run/systemd/system');
    for (const pid of this.allProcs()) this.alive.add(pid);
  }

  private isCgroup(path: string): boolean {
    return path === CG || (path.startsWith(CG + '/') && this.dirs.has(path));
  }

  private parentOf(path: string): string {
    return path.slice(0, path.lastIndexOf('/'));
  }

  private owner(path: string): number {
    return this.owners.get(path) ?? 0;
  }

  private procs(cg: string): number[] {
    return words(this.files.get(`${cg}/cgroup.procs`)).map(Number);
  }

  private children(cg: string): string[] {
    return [...this.dirs].filter((d) => this.parentOf(d) === cg);
  }

  private allProcs(): number[] {
    return [...this.files.entries()].filter(([p]) => p.startsWith(CG) && p.endsWith('/cgroup.procs')).flatMap(([, t]) => words(t).map(Number));
  }

  /** Where a process is now, by its cgroup.procs. */
  cgroupOf(pid: number): string | null {
    for (const [p, t] of this.files) if (p.startsWith(CG) && p.endsWith('/cgroup.procs') && words(t).map(Number).includes(pid)) return this.parentOf(p);
    return null;
  }

  /** A process that runs in cgroup cg (a path under /sys/fs/cgroup). */
  addProcess(pid: number, cg: string): void {
    this.alive.add(pid);
    this.place(pid, cg);
  }

  private place(pid: number, cg: string): void {
    const from = this.cgroupOf(pid);
    if (from) this.files.set(`${from}/cgroup.procs`, this.procs(from).filter((p) => p !== pid).map((p) => `${p}\n`).join(''));
    this.files.set(`${cg}/cgroup.procs`, [...this.procs(cg), pid].map((p) => `${p}\n`).join(''));
    this.files.set(`/proc/${pid}/cgroup`, `0::${cg.slice(CG.length) || '/'}\n`);
  }

  private checkWrite(path: string, uid: number): void {
    if (!this.files.has(path)) throw errno('EACCES', `open("${path}", O_WRONLY|O_CREAT): kernfs makes no files`);
    const mode = this.modes.get(path) ?? 0o100644;
    if ((mode & 0o222) === 0) throw errno('EACCES', `${path} is read-only`);
    if (uid !== 0 && this.owner(path) !== uid) throw errno('EACCES', `${path} belongs to uid ${this.owner(path)}`);
  }

  /** A write as the kernel takes it, from a process of this uid (systemd's own writes pass another). */
  write(path: string, data: string, uid: number, nsRoot = CG): void {
    if (!path.startsWith(CG + '/')) {
      this.files.set(path, data);
      return;
    }
    this.checkWrite(path, uid);
    const cg = this.parentOf(path);
    const name = path.slice(cg.length + 1);
    const value = data.trim();
    // nsdelegate: only these files of a namespace's root are writable from inside (CFTYPE_NS_DELEGATABLE)
    if (nsRoot !== CG && cg === nsRoot && !['cgroup.procs', 'cgroup.threads', 'cgroup.subtree_control'].includes(name)) throw errno('EPERM', `${path} is the cgroup namespace root's`);
    if (name === 'cgroup.subtree_control') return this.subtreeControl(cg, value);
    if (name === 'cgroup.procs') return this.migrate(cg, value, uid, nsRoot);
    if (/^(memory\.(max|high|swap\.max)|pids\.max)$/.test(name) && !/^(max|\d+)$/.test(value)) throw errno('EINVAL', `${path}: ${value}`);
    if (name === 'cpu.max' && !/^(max|\d+)( \d+)?$/.test(value)) throw errno('EINVAL', `${path}: ${value}`);
    this.files.set(path, value + '\n');
  }

  private subtreeControl(cg: string, value: string): void {
    const tokens = words(value);
    if (tokens.length === 0 || tokens.some((t) => !/^[+-][a-z_]+$/.test(t))) throw errno('EINVAL', `cgroup.subtree_control: "${value}"`);
    const enabled = new Set(words(this.files.get(`${cg}/cgroup.subtree_control`)));
    const available = words(this.files.get(`${cg}/cgroup.controllers`));
    for (const t of tokens) {
      const c = t.slice(1);
      if (t[0] === '+') {
        if (!available.includes(c)) throw errno('ENOENT', `${c} is not in ${cg}/cgroup.controllers`);
        if (enabled.has(c)) continue;
        if (cg !== CG && this.procs(cg).length > 0) throw errno('EBUSY', `${cg} has processes: no internal processes`);
        if ((this.files.get(`${cg}/cgroup.type`) ?? '').trim() === 'threaded' && !THREADED_OK.has(c)) throw errno('EOPNOTSUPP', `${c} is not threaded`);
        enabled.add(c);
      } else {
        if (this.children(cg).some((child) => words(this.files.get(`${child}/cgroup.subtree_control`)).includes(c))) throw errno('EBUSY', `a child of ${cg} enables ${c}`);
        enabled.delete(c);
      }
    }
    const order = available.filter((c) => enabled.has(c));
    this.files.set(`${cg}/cgroup.subtree_control`, order.join(' ') + '\n');
    for (const child of this.children(cg)) this.giveControllers(child, order);
  }

  /** A child's cgroup.controllers is its parent's subtree_control; each controller's files come and go with it. */
  private giveControllers(cg: string, controllers: string[]): void {
    const had = words(this.files.get(`${cg}/cgroup.controllers`));
    this.files.set(`${cg}/cgroup.controllers`, controllers.join(' ') + '\n');
    const uid = this.owner(cg);
    for (const c of MODELLED) {
      const files = controllerFiles(c, this.swap);
      if (controllers.includes(c) && !had.includes(c)) {
        for (const [name, text, mode] of files) this.setFile(`${cg}/${name}`, text, mode, uid);
      } else if (!controllers.includes(c) && had.includes(c)) {
        for (const [name] of files) this.files.delete(`${cg}/${name}`);
      }
    }
  }

  private setFile(path: string, text: string, mode: number, uid: number): void {
    this.files.set(path, text);
    this.modes.set(path, 0o100000 | mode);
    this.owners.set(path, uid);
  }

  private migrate(cg: string, value: string, uid: number, nsRoot: string): void {
    if (!/^\d+$/.test(value)) throw errno('EINVAL', `cgroup.procs: "${value}"`);
    const pid = Number(value);
    if (!this.alive.has(pid)) throw errno('ESRCH', `no process ${pid}`);
    const from = this.cgroupOf(pid) ?? CG;
    const inside = (dir: string) => dir === nsRoot || dir.startsWith(nsRoot + '/');
    if (!inside(from) || !inside(cg)) throw errno('ENOENT', `moving ${pid} crosses the cgroup namespace root ${nsRoot}`);
    if (uid !== 0) {
      let common = from;
      while (!(cg === common || cg.startsWith(common + '/'))) common = this.parentOf(common);
      if (this.owner(`${common}/cgroup.procs`) !== uid) throw errno('EACCES', `moving ${pid} from ${from} crosses ${common}, not delegated to uid ${uid}`);
    }
    // permissions first, then the destination (cgroup_attach_permissions(), then cgroup_migrate_vet_dst())
    if (cg !== CG && words(this.files.get(`${cg}/cgroup.subtree_control`)).length > 0) throw errno('EBUSY', `${cg} enables controllers: no internal processes`);
    this.place(pid, cg);
  }

  /** mkdir(2) in cgroupfs: the new cgroup gets its parent's subtree_control as its controllers. */
  makeCgroup(path: string, uid: number): void {
    const parent = this.parentOf(path);
    if (!this.isCgroup(parent)) throw errno('ENOENT', `no cgroup ${parent}`);
    if (this.dirs.has(path)) throw errno('EEXIST', path);
    if (uid !== 0 && this.owner(parent) !== uid) throw errno('EACCES', `${parent} belongs to uid ${this.owner(parent)}`);
    this.dirs.add(path);
    this.owners.set(path, uid);
    this.setFile(`${path}/cgroup.controllers`, '\n', 0o444, uid);
    this.setFile(`${path}/cgroup.subtree_control`, '\n', 0o644, uid);
    this.setFile(`${path}/cgroup.procs`, '', 0o644, uid);
    this.setFile(`${path}/cgroup.threads`, '', 0o644, uid);
    this.setFile(`${path}/cgroup.type`, 'domain\n', 0o644, uid);
    this.setFile(`${path}/cgroup.events`, 'populated 0\nfrozen 0\n', 0o444, uid);
    this.setFile(`${path}/cpu.stat`, 'usage_usec 0\nuser_usec 0\nsystem_usec 0\nnr_periods 0\nnr_throttled 0\nthrottled_usec 0\n', 0o444, uid);
    this.giveControllers(path, words(this.files.get(`${parent}/cgroup.subtree_control`)));
  }

  removeCgroup(path: string, uid: number): void {
    if (!this.dirs.has(path)) throw errno('ENOENT', path);
    if (this.children(path).length > 0 || this.procs(path).length > 0) throw errno('EBUSY', `${path} has children or processes`);
    if (uid !== 0 && this.owner(this.parentOf(path)) !== uid) throw errno('EACCES', `${this.parentOf(path)} belongs to uid ${this.owner(this.parentOf(path))}`);
    this.dirs.delete(path);
    for (const p of [...this.files.keys()]) if (p.startsWith(path + '/')) this.files.delete(p);
  }

  /** The syscall log line, "= -1 EBUSY" when the kernel refuses, as the real seam writes it. */
  private logged(call: string, args: string[], act: () => void): void {
    try {
      act();
    } catch (error) {
      this.record(call, args, -1, (error as NodeJS.ErrnoException).code);
      throw error;
    }
    this.record(call, args, 0);
  }

  override writeFile(path: string, data: string, how?: WriteHow): void {
    this.calls.push({ via: 'fs', call: 'writeFile', path, data, ...how });
    this.logged('write', [path, data], () => this.write(path, data, this.uid, this.nsRoot));
  }

  override mkdir(path: string, mode = 0o755): void {
    this.calls.push({ via: 'fs', call: 'mkdir', path, mode });
    this.logged('mkdir', [path], () => (path.startsWith(CG + '/') ? this.makeCgroup(path, this.uid) : void this.dirs.add(path)));
  }

  override rmdir(path: string): void {
    this.calls.push({ via: 'fs', call: 'rmdir', path });
    this.logged('rmdir', [path], () => (path.startsWith(CG + '/') ? this.removeCgroup(path, this.uid) : void this.dirs.delete(path)));
  }

  override lstat(path: string) {
    const st = super.lstat(path);
    return { ...st, uid: this.owner(path), gid: this.owner(path) };
  }

  /** A process killed leaves its cgroup at once (the fake has no zombies). */
  override kill(pid: number, signal: NodeJS.Signals): boolean {
    const done = super.kill(pid, signal);
    if (done && signal === 'SIGKILL') {
      const cg = this.cgroupOf(pid);
      if (cg) this.files.set(`${cg}/cgroup.procs`, this.procs(cg).filter((p) => p !== pid).map((p) => `${p}\n`).join(''));
    }
    return done;
  }

  override runSync(argv: string[], opts = {}) {
    if (argv[0]?.endsWith('busctl') && argv.includes('StartTransientUnit')) return this.startTransientUnit(argv);
    if (argv[0]?.endsWith('busctl') && argv.includes('StopUnit')) return this.stopUnit(argv);
    return super.runSync(argv, opts);
  }

  /** Units systemd was asked to stop, in order. */
  stoppedUnits: string[] = [];

  /*
   * StopUnit(name, mode) as systemd does it for a slice or scope (src/core/slice.c, scope.c): every
   * unit in a slice is stopped with it, their processes killed, and the cgroups removed; a slice
   * with no unit file is then unloaded. A unit that is not loaded: org.freedesktop.systemd1.NoSuchUnit.
   */
  private stopUnit(argv: string[]) {
    this.calls.push({ via: 'program', argv });
    const unit = argv[argv.indexOf('ss') + 1];
    const dir = [...this.dirs].find((d) => d.startsWith(CG + '/') && d.endsWith('/' + unit));
    if (!this.systemd || !dir) {
      this.record(argv[0], argv.slice(1), 1, undefined);
      return { argv, status: 1, signal: null, stdout: '', stderr: `Unit ${unit} not loaded.\n`, startedAt: 0, endedAt: 0, pid: 4243 };
    }
    this.stoppedUnits.push(unit);
    const below = [...this.dirs].filter((d) => d === dir || d.startsWith(dir + '/')).sort((a, b) => b.length - a.length);
    for (const cg of below) {
      for (const pid of this.procs(cg)) this.alive.delete(pid);
      this.files.set(`${cg}/cgroup.procs`, '');
      this.removeCgroup(cg, 0);
    }
    this.record(argv[0], argv.slice(1), 0);
    return { argv, status: 0, signal: null, stdout: `o "/org/freedesktop/systemd1/job/${4000 + this.calls.length}"\n`, stderr: '', startedAt: 0, endedAt: 0, pid: 4243 };
  }

  /*
   * What systemd does for StartTransientUnit(name, mode, [Slice, Delegate, PIDs…]) on a scope
   * (src/core/scope.c, cgroup.c): the manager makes the slice if needed, enables the delegated
   * controllers on the way down (here cpu memory pids, as far as each parent has them), makes
   * the scope's cgroup and moves the PIDs in. A user manager (busctl --user) works as its uid
   * inside user@<uid>.service; a PID outside its tree it may not move, so it asks PID 1 to
   * (AttachProcessesToUnit), which the fake does as root.
   */
  private startTransientUnit(argv: string[]) {
    const user = argv.includes('--user');
    this.calls.push({ via: 'program', argv });
    const fail = (stderr: string) => {
      this.record(argv[0], argv.slice(1), 1, undefined);
      return { argv, status: 1, signal: null, stdout: '', stderr, startedAt: 0, endedAt: 0, pid: 4242 };
    };
    if (!this.systemd) return fail('Failed to connect to bus: No such file or directory\n');
    const at = argv.indexOf('ssa(sv)a(sa(sv))');
    const unit = argv[at + 1];
    const props = new Map<string, string[]>();
    let i = at + 4;
    for (let n = Number(argv[at + 3]); n > 0; n--) {
      const [name, sig] = [argv[i], argv[i + 1]];
      const count = sig === 'au' ? Number(argv[i + 2]) + 1 : 1;
      props.set(name, argv.slice(i + 2, i + 2 + count));
      i += 2 + count;
    }
    const managerUid = user ? this.uid : 0;
    const base = user ? `${CG}/user.slice/user-${this.uid}.slice/user@${this.uid}.service` : CG;
    if (user && !this.dirs.has(base)) return fail('Failed to connect to bus: No medium found\n');
    const slice = `${base}/${props.get('Slice')?.[0] ?? (user ? 'app.slice' : 'system.slice')}`;
    const scope = `${slice}/${unit}`;
    if (this.dirs.has(scope)) return fail(`Unit ${unit} was already loaded or has a fragment file.\n`);
    try {
      if (!this.dirs.has(slice)) this.makeCgroup(slice, managerUid);
      if (props.get('Delegate')?.[0] === 'true') {
        for (let cg = base; ; cg = slice) {
          const want = words(this.files.get(`${cg}/cgroup.controllers`)).filter((c) => MODELLED.includes(c)).map((c) => `+${c}`);
          if (want.length > 0) this.write(`${cg}/cgroup.subtree_control`, want.join(' '), managerUid);
          if (cg === slice) break;
        }
      }
      this.makeCgroup(scope, managerUid);
      const pids = (props.get('PIDs') ?? ['0']).slice(1).map(Number);
      for (const pid of pids) this.write(`${scope}/cgroup.procs`, String(pid), 0);
    } catch (error) {
      return fail(`Failed to start transient scope unit: ${(error as Error).message}\n`);
    }
    this.record(argv[0], argv.slice(1), 0);
    return { argv, status: 0, signal: null, stdout: `o "/org/freedesktop/systemd1/job/${4000 + this.calls.length}"\n`, stderr: '', startedAt: 0, endedAt: 0, pid: 4242 };
  }
}
