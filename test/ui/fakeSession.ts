// A scripted LessonSession and LabBackend for UI tests, with snapshots shaped like the real kernel's.
import type {
  CgroupFile,
  CheckResult,
  HttpExchange,
  LabBackend,
  Lesson,
  LessonLoadError,
  LessonSession,
  MountEntry,
  NsRow,
  OverlayState,
  ProcessInfo,
  SessionState,
  Snapshot,
  StepRun,
  StepSkip,
  SyscallEntry,
  TaskSpec,
  TimelineEntry,
} from '../../src/types.js';
import { hintShown, initialTasks, openAfterStep, taskChecked, taskSkipped } from '../../src/lesson/tasks.js';

/** Inodes as /proc/1/ns/* reads on a typical host, and fresh ones as new namespaces get. */
export const HOST_NS: Record<string, number> = {
  cgroup: 4026531835,
  ipc: 4026531839,
  mnt: 4026531841,
  net: 4026531840,
  pid: 4026531836,
  time: 4026531834,
  user: 4026531837,
  uts: 4026531838,
};
export const NEW_NS: Record<string, number> = { mnt: 4026532449, uts: 4026532450, pid: 4026532452 };

const T0 = 1_760_000_000_000;

export function entry(call: string, args: string[], ret = '0', extra: Partial<SyscallEntry> = {}): SyscallEntry {
  return { t: T0, call, args, ret, pid: 48190, ms: 0.21, ...extra };
}

type Mount = MountEntry & { added: boolean };

function mount(
  mountId: number,
  parentId: number,
  mountPoint: string,
  fsType: string,
  source: string,
  optionalFields: string[],
  added = false,
): Mount {
  return {
    mountId,
    parentId,
    majorMinor: fsType === 'ext4' ? '8:1' : `0:${mountId}`,
    root: '/',
    mountPoint,
    mountOptions: 'rw,nosuid,nodev,relatime',
    optionalFields,
    fsType,
    source,
    superOptions: 'rw',
    added,
  };
}

export const HOST_MOUNTS: Mount[] = [
  mount(22, 1, '/', 'ext4', '/dev/sda1', ['shared:1']),
  mount(23, 22, '/sys', 'sysfs', 'sysfs', ['shared:7']),
  mount(24, 22, '/proc', 'proc', 'proc', ['shared:12']),
  mount(25, 22, '/dev', 'devtmpfs', 'udev', ['shared:2']),
  mount(26, 25, '/dev/pts', 'devpts', 'devpts', ['shared:3']),
  mount(27, 22, '/run', 'tmpfs', 'tmpfs', ['shared:5']),
  mount(31, 23, '/sys/fs/cgroup/unified', 'cgroup2', 'cgroup2', ['shared:9']),
];

const builder: ProcessInfo = {
  hostPid: 48190,
  nsPids: [48190],
  ppid: 48170,
  name: 'node',
  cmdline: 'node /usr/lib/container-lab/helper.js',
  uid: 0,
  uidInside: 0,
  role: 'builder',
};
const init: ProcessInfo = {
  hostPid: 48213,
  nsPids: [48213, 1],
  ppid: 48190,
  name: 'sh',
  cmdline: '/bin/sh',
  uid: 0,
  uidInside: 0,
  role: 'container PID 1',
};

function nsRows(own: Record<string, number>): NsRow[] {
  return Object.entries(HOST_NS).map(([type, host]) => ({
    type: type as NsRow['type'],
    host,
    container: own[type] ?? host,
  }));
}

/** Before any step: the builder alone, sharing every namespace with the host. */
export function baseSnapshot(): Snapshot {
  return {
    takenAt: T0,
    hostname: { host: 'workshop-vm', container: 'workshop-vm' },
    kernel: { host: '6.1.0-25-amd64', container: '6.1.0-25-amd64' },
    namespaces: nsRows({}),
    processes: [builder],
    mounts: HOST_MOUNTS.map((m) => ({ ...m })),
    cgroups: [{ hierarchyId: 0, controllers: [], path: '/' }],
    links: [{ name: 'lo', up: true }, { name: 'eth0', up: true }],
    uidMap: null,
    gidMap: null,
  };
}

export interface FakeStep {
  title: string;
  slide: string;
  action: { name: string; params: Record<string, unknown> };
  log: SyscallEntry[];
  checks: CheckResult[];
  output?: string[];
  /** the step fails with this reason */
  error?: string;
  hint?: string;
  /** the step is skipped on this host, with why and what it would need */
  skipped?: StepSkip;
  /** the kernel state after the step */
  snapshot?: (prev: Snapshot) => Snapshot;
  /** tasks the learner does once the step has run */
  tasks?: TaskSpec[];
}

export const UNSHARE_LINE = 'unshare(CLONE_NEWNS|CLONE_NEWUTS|CLONE_NEWPID) = 0';
export const EPERM_MOUNT_LINE =
  'mount("tmpfs", "/run/container-lab/s-1a2b/scratch", "tmpfs", 0, "size=4m") = -1 EPERM (Operation not permitted)';

/** The namespaces lesson: unshare, sethostname, then a tmpfs mount (failing when `failMount`). */
export function namespaceSteps(failMount = false): FakeStep[] {
  return [
    {
      title: 'New namespaces',
      slide: '## New namespaces\n\n`unshare(2)` moves the builder into **new** UTS, PID and mount namespaces.\n\n- watch the *Namespaces* panel\n- the inodes change',
      action: { name: 'unshare', params: { namespaces: ['uts', 'pid', 'mnt'] } },
      log: [
        entry('unshare', ['CLONE_NEWNS|CLONE_NEWUTS|CLONE_NEWPID']),
        entry('mount', ['NULL', '"/"', 'NULL', 'MS_REC|MS_PRIVATE', 'NULL']),
        entry('spawn', ['"/bin/sh"'], '48213'),
      ],
      checks: [
        { name: 'uts namespace differs from the host', ok: true, detail: 'host 4026531838, container 4026532450' },
        { name: 'container init is PID 1 inside', ok: true, detail: 'NSpid: 48213 1' },
      ],
      snapshot: (prev) => ({
        ...prev,
        namespaces: nsRows(NEW_NS),
        processes: [builder, init],
        mounts: HOST_MOUNTS.map((m) => ({ ...m, optionalFields: [] })),
      }),
    },
    {
      title: 'Its own hostname',
      slide: '## Its own hostname\n\n`sethostname("lab")` changes the name **inside** only.',
      action: { name: 'sethostname', params: { name: 'lab' } },
      log: [entry('sethostname', ['"lab"', '3'])],
      checks: [
        { name: 'hostname inside is "lab"', ok: true, detail: 'read: lab' },
        { name: 'host hostname unchanged', ok: true, detail: 'read: workshop-vm' },
      ],
      output: ['lab'],
      snapshot: (prev) => ({ ...prev, hostname: { host: 'workshop-vm', container: 'lab' } }),
    },
    {
      title: 'A private tmpfs',
      slide: '## A private tmpfs\n\nA mount made here is invisible to the host.',
      action: { name: 'mount-tmpfs', params: { size: '4m' } },
      log: failMount
        ? [
            entry('mount', ['"tmpfs"', '"/run/container-lab/s-1a2b/scratch"', '"tmpfs"', '0', '"size=4m"'], '-1', {
              errno: 'EPERM',
              message: 'Operation not permitted',
            }),
          ]
        : [entry('mount', ['"tmpfs"', '"/run/container-lab/s-1a2b/scratch"', '"tmpfs"', '0', '"size=4m"'])],
      checks: failMount
        ? [{ name: 'tmpfs invisible on the host', ok: false, detail: 'no tmpfs at /run/container-lab/s-1a2b/scratch in the container' }]
        : [{ name: 'tmpfs invisible on the host', ok: true, detail: 'only in the container' }],
      error: failMount ? 'mount of tmpfs failed: EPERM (Operation not permitted)' : undefined,
      hint: failMount ? 'run the lab as root: sudo npx container-lab' : undefined,
      snapshot: failMount
        ? undefined
        : (prev) => ({
            ...prev,
            mounts: [...prev.mounts, mount(412, 27, '/run/container-lab/s-1a2b/scratch', 'tmpfs', 'tmpfs', [], true)],
          }),
    },
  ];
}

export function makeLesson(id: string, order: number, title: string, steps: FakeStep[], extra: Partial<Lesson> = {}): Lesson {
  return {
    id,
    title,
    summary: `summary of ${title}`,
    privilege: 'root',
    order,
    requires: [],
    hostDocker: false,
    source: { trusted: true, from: 'the package' },
    hostEffects: steps.map((s) => ({ step: s.title, effects: [`does ${s.action.name} to the host`] })),
    intro: `# ${title}\n\nA container starts as **an ordinary process**. Press → to run each step for real.`,
    steps: steps.map((s, i) => ({
      title: s.title,
      slide: s.slide,
      notes: '',
      action: s.action,
      checks: [],
      line: 10 + i * 10,
      tasks: s.tasks ?? [],
    })),
    file: `lessons/${String(order).padStart(2, '0')}-${id}.md`,
    ...extra,
  };
}

const pending = (): StepRun => ({ status: 'pending', log: [], output: [], checks: [], ms: 0 });

/** A LessonSession that plays a script; records each call in `calls`. */
export class FakeSession implements LessonSession {
  calls: string[] = [];
  /** make the next call of this name reject with this error */
  rejectNext: Partial<Record<'next' | 'back' | 'reset' | 'jump' | 'shell' | 'close', Error>> = {};
  /** when set, `s` opens no shell and shows this line instead, as a session with no container does */
  shellRefusal: string | null = null;
  /** when set, next() waits for release() before finishing the step (the step stays "running") */
  hold = false;
  private release_: (() => void) | null = null;
  private endShell_: (() => void) | null = null;
  private state: SessionState;
  private listeners = new Set<() => void>();
  private history: Snapshot[];

  constructor(
    readonly lesson: Lesson,
    readonly script: FakeStep[],
  ) {
    this.history = [baseSnapshot()];
    this.state = {
      lesson,
      steps: lesson.steps.map(pending),
      cursor: 0,
      busy: false,
      activity: null,
      snapshot: this.history[0],
      error: null,
      inShell: false,
      notice: null,
      tasks: initialTasks(lesson),
    };
  }

  getState = (): SessionState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** replace parts of the state and tell the subscribers */
  set(patch: Partial<SessionState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of [...this.listeners]) l();
  }

  private setStep(i: number, run: StepRun): void {
    const steps = this.state.steps.slice();
    steps[i] = run;
    this.set({ steps });
  }

  private check(name: keyof FakeSession['rejectNext']): void {
    this.calls.push(name);
    const err = this.rejectNext[name];
    if (err) {
      delete this.rejectNext[name];
      throw err;
    }
  }

  release(): void {
    this.release_?.();
  }

  endShell(): void {
    this.endShell_?.();
  }

  async next(): Promise<void> {
    this.check('next');
    const i = this.state.cursor;
    const step = this.script[i];
    if (!step) return;
    this.set({ busy: true });
    this.setStep(i, { ...pending(), status: 'running' });
    if (this.hold) await new Promise<void>((r) => (this.release_ = r));
    else await Promise.resolve();
    const failed = step.error !== undefined;
    const run: StepRun = {
      status: failed ? 'failed' : step.skipped ? 'skipped' : 'done',
      ...(step.skipped ? { skipped: step.skipped } : {}),
      log: step.log,
      output: step.output ?? [],
      checks: step.checks,
      error: step.error,
      hint: step.hint,
      ms: 3.4 + i,
    };
    this.setStep(i, run);
    if (failed) {
      this.set({ busy: false });
      return;
    }
    const prev = this.history[i] ?? this.history[this.history.length - 1];
    const snap = step.snapshot ? step.snapshot(prev) : prev;
    this.history[i + 1] = snap;
    this.set({ busy: false, cursor: i + 1, snapshot: { ...snap, takenAt: T0 + i + 1 }, tasks: openAfterStep(this.state.tasks, i, Date.now()) });
  }

  /** A reading of a task's checks, as the lab's watcher makes them (at: ms since the epoch). */
  readTask(id: string, checks: CheckResult[], at = Date.now()): void {
    this.set({ tasks: taskChecked(this.state.tasks, id, checks, at) });
  }

  async back(): Promise<void> {
    this.check('back');
    let focus = -1;
    this.state.steps.forEach((s, k) => {
      if (s.status !== 'pending') focus = k;
    });
    if (focus < 0) return;
    const steps = this.state.steps.map((s, k) => (k >= focus ? pending() : s));
    this.set({ busy: true, activity: 'rebuilding from the start' });
    await Promise.resolve();
    this.set({ steps, cursor: focus, busy: false, activity: null, snapshot: this.history[focus] });
  }

  async reset(): Promise<void> {
    this.check('reset');
    this.set({ steps: this.lesson.steps.map(pending), cursor: 0, snapshot: this.history[0], error: null });
  }

  /**
   * to `cursor` as → pressed from the start would: the scripted steps before it, run again, busy
   * with an activity line as the live session's; with `hold`, it waits for release() first
   */
  async jump(cursor: number): Promise<void> {
    this.check('jump');
    this.set({ steps: this.lesson.steps.map(pending), cursor: 0, snapshot: this.history[0], error: null, busy: true, activity: `going to step ${cursor}: running steps 1–${cursor}` });
    if (this.hold) await new Promise<void>((r) => (this.release_ = r));
    const hold = this.hold;
    this.hold = false;
    try {
      while (this.state.cursor < cursor && this.script[this.state.cursor]) {
        const before = this.state.cursor;
        await this.next();
        this.calls.pop(); // the jump's own steps are not presses of →
        if (this.state.cursor === before) break;
      }
    } finally {
      this.hold = hold;
      this.set({ busy: false, activity: null });
    }
  }

  hint(id: string): void {
    this.calls.push(`hint ${id}`);
    const spec = this.lesson.steps.flatMap((s) => s.tasks).find((t) => t.id === id);
    this.set({ tasks: hintShown(this.state.tasks, id, spec?.hints.length ?? 0) });
  }

  skipTask(id: string): void {
    this.calls.push(`skip ${id}`);
    this.set({ tasks: taskSkipped(this.state.tasks, id) });
  }

  async shell(): Promise<void> {
    this.check('shell');
    if (this.shellRefusal !== null) {
      this.set({ notice: this.shellRefusal });
      return;
    }
    this.set({ inShell: true });
    await new Promise<void>((r) => (this.endShell_ = r));
    this.set({ inShell: false });
  }

  async close(): Promise<void> {
    this.check('close');
  }
}

export interface FakeBackendOptions {
  lessons?: Lesson[];
  scripts?: Record<string, FakeStep[]>;
  loadErrors?: LessonLoadError[];
  privilegeNote?: string | null;
  unavailable?: Record<string, string>;
  openError?: Error;
}

export interface FakeBackend extends LabBackend {
  sessions: FakeSession[];
  opened: string[];
}

/** Three lessons: namespaces (runs), a failing variant, and cgroups (unavailable rootless). */
export function createFakeBackend(opts: FakeBackendOptions = {}): FakeBackend {
  const lessons = opts.lessons ?? [
    makeLesson('processes', 1, 'A container is just processes', namespaceSteps()),
    makeLesson('namespaces', 2, 'Namespaces', namespaceSteps()),
    makeLesson('cgroups', 3, 'cgroups: limits', namespaceSteps()),
  ];
  const scripts = opts.scripts ?? {};
  const unavailable = opts.unavailable ?? {};
  const backend: FakeBackend = {
    lessons,
    loadErrors: opts.loadErrors ?? [],
    privilegeNote: opts.privilegeNote ?? null,
    sessions: [],
    opened: [],
    unavailable: (lesson) => unavailable[lesson.id] ?? null,
    open: async (lesson) => {
      backend.opened.push(lesson.id);
      if (opts.openError) throw opts.openError;
      const s = new FakeSession(lesson, scripts[lesson.id] ?? namespaceSteps());
      backend.sessions.push(s);
      return s;
    },
  };
  return backend;
}

// ── cgroups and overlays: what the observers read on a pure v2 host, on this project's v1 hybrid
// host, and from an overlay the lesson mounted (paths and values as the kernel prints them) ──

export const CG_SESSION = 'container-lab-1a2b';
export const CG_V2_DIR = `/sys/fs/cgroup/${CG_SESSION}`;
export const CG_V1_DIRS = {
  memory: `/sys/fs/cgroup/memory/${CG_SESSION}`,
  cpu: `/sys/fs/cgroup/cpu,cpuacct/${CG_SESSION}`,
  pids: `/sys/fs/cgroup/pids/${CG_SESSION}`,
};

/** The state of the lab's cgroup: just made with its limits, or after the hogs hit them. */
export interface CgroupLoad {
  memCurrent: number;
  /** memory.events "max": times usage hit memory.max */
  memMax: number;
  oomKill: number;
  nrPeriods: number;
  nrThrottled: number;
  throttledUsec: number;
  pidsCurrent: number;
  pidsRefused: number;
}

export const CG_FRESH: CgroupLoad = {
  memCurrent: 1_273_856,
  memMax: 0,
  oomKill: 0,
  nrPeriods: 0,
  nrThrottled: 0,
  throttledUsec: 0,
  pidsCurrent: 1,
  pidsRefused: 0,
};
export const CG_LOADED: CgroupLoad = {
  memCurrent: 10_813_440,
  memMax: 4,
  oomKill: 1,
  nrPeriods: 61,
  nrThrottled: 12,
  throttledUsec: 845_123,
  pidsCurrent: 16,
  pidsRefused: 3,
};

/** Pure cgroup v2: one directory, memory.max / cpu.max / pids.max. */
export function cgroupFilesV2(load: CgroupLoad): CgroupFile[] {
  const f = (name: string, meaning: string, value: string): CgroupFile => ({ name, meaning, value, dir: CG_V2_DIR });
  // the files and meanings src/cgroup/v2.ts reads, in its order
  return [
    f('memory.max', 'memory limit', '33554432'),
    f('memory.swap.max', 'swap limit', 'max'),
    f('memory.current', 'usage', String(load.memCurrent)),
    f('memory.peak', 'peak usage', String(load.oomKill > 0 ? 33_554_432 : load.memCurrent)),
    f('memory.events', 'OOM kills', `low 0\nhigh 0\nmax ${load.memMax}\noom ${load.oomKill}\noom_kill ${load.oomKill}\noom_group_kill 0`),
    f('cpu.max', 'CPU limit', '20000 100000'),
    f(
      'cpu.stat',
      'throttled periods',
      `usage_usec 412345\nuser_usec 401200\nsystem_usec 11145\nnr_periods ${load.nrPeriods}\nnr_throttled ${load.nrThrottled}\nthrottled_usec ${load.throttledUsec}\nnr_bursts 0\nburst_usec 0`,
    ),
    f('pids.max', 'process limit', '16'),
    f('pids.current', 'processes', String(load.pidsCurrent)),
    f('pids.events', 'forks refused', `max ${load.pidsRefused}`),
  ];
}

/** cgroup v1 (this project's hybrid host): one directory per controller hierarchy, v1 file names. */
export function cgroupFilesV1(load: CgroupLoad): CgroupFile[] {
  const m = (name: string, meaning: string, value: string): CgroupFile => ({ name, meaning, value, dir: CG_V1_DIRS.memory });
  const c = (name: string, meaning: string, value: string): CgroupFile => ({ name, meaning, value, dir: CG_V1_DIRS.cpu });
  const p = (name: string, meaning: string, value: string): CgroupFile => ({ name, meaning, value, dir: CG_V1_DIRS.pids });
  // the files and meanings src/cgroup/v1.ts reads, in its order (cpuacct shares the cpu hierarchy)
  return [
    m('memory.limit_in_bytes', 'memory limit', '33554432'),
    m('memory.memsw.limit_in_bytes', 'memory+swap limit', '9223372036854771712'),
    // v1 counts the page cache the hog left behind too: close to the limit
    m('memory.usage_in_bytes', 'usage', String(load.oomKill > 0 ? 30_412_800 : load.memCurrent)),
    m('memory.max_usage_in_bytes', 'peak usage', String(load.oomKill > 0 ? 33_554_432 : load.memCurrent)),
    m('memory.failcnt', 'times the limit was hit', String(load.memMax * 29)),
    m('memory.oom_control', 'OOM kills', `oom_kill_disable 0\nunder_oom 0\noom_kill ${load.oomKill}`),
    c('cpu.cfs_quota_us', 'CPU limit', '20000'),
    c('cpu.cfs_period_us', 'CPU period', '100000'),
    c('cpu.stat', 'throttled periods', `nr_periods ${load.nrPeriods}\nnr_throttled ${load.nrThrottled}\nthrottled_time ${load.throttledUsec * 1000}`),
    c('cpuacct.usage', 'CPU time used (ns)', String(load.nrPeriods > 0 ? 412_345_678 : 1_234_567)),
    p('pids.max', 'process limit', '16'),
    p('pids.current', 'processes', String(load.pidsCurrent)),
    p('pids.events', 'forks refused', `max ${load.pidsRefused}`),
  ];
}

/** The cgroups lesson: make a cgroup with limits, then run a memory hog, a CPU spinner and a fork bomb. */
export function cgroupSteps(version: 'v1' | 'v2'): FakeStep[] {
  const files = version === 'v2' ? cgroupFilesV2 : cgroupFilesV1;
  const dir = version === 'v2' ? CG_V2_DIR : CG_V1_DIRS.memory;
  const limitFile = version === 'v2' ? 'memory.max' : 'memory.limit_in_bytes';
  return [
    {
      title: 'A cgroup with limits',
      slide: '## A cgroup with limits\n\nA cgroup is a **directory**; a limit is a number written to a file in it.',
      action: { name: 'cgroup-create', params: { memory: '32M', cpu: '20%', pids: 16 } },
      log: [
        entry('mkdir', [`"${dir}"`, '0755']),
        entry('write', [`"${dir}/${limitFile}"`, '"33554432"', '8']),
        entry('write', [`"${dir}/cgroup.procs"`, '"48213"', '5']),
      ],
      checks: [{ name: `${limitFile} is 33554432`, ok: true, detail: `read: 33554432` }],
      snapshot: (prev) => ({ ...prev, processes: [builder, init], cgroupFiles: files(CG_FRESH) }),
    },
    {
      title: 'Hitting the limits',
      slide: '## Hitting the limits\n\nA memory hog, a CPU spinner and a fork bomb, each **inside** the cgroup.',
      action: { name: 'run', params: { command: 'stress', where: 'container' } },
      log: [entry('spawn', ['"/bin/sh"', '"-c"', '"stress"'], '48240')],
      checks: [{ name: 'the OOM killer killed the hog', ok: true, detail: 'oom_kill 1' }],
      output: ['sh: fork: Resource temporarily unavailable', 'Killed'],
      snapshot: (prev) => ({ ...prev, cgroupFiles: files(CG_LOADED) }),
    },
  ];
}

export const OV_DIR = '/run/container-lab/session-1a2b';
export const OV_LOWER = [`${OV_DIR}/layers/1`, `${OV_DIR}/layers/0`];

export function overlay(name: string, upperEntries: OverlayState['upperEntries']): OverlayState {
  return {
    merged: `${OV_DIR}/${name}/merged`,
    lower: [...OV_LOWER],
    upper: `${OV_DIR}/${name}/upper`,
    work: `${OV_DIR}/${name}/work`,
    upperEntries,
  };
}

/** After writing a file, changing one, deleting one and replacing a directory in the container. */
export const C1_CHANGES: OverlayState['upperEntries'] = [
  { path: 'etc', kind: 'dir' },
  { path: 'etc/hostname', kind: 'file' },
  { path: 'etc/motd', kind: 'whiteout' },
  { path: 'new.txt', kind: 'file' },
  { path: 'usr', kind: 'dir' },
  { path: 'usr/share', kind: 'dir' },
  { path: 'usr/share/doc', kind: 'opaque' },
  { path: 'bin/sh', kind: 'symlink' },
];

function overlayMountLog(name: string): SyscallEntry {
  return entry('mount', [
    '"overlay"',
    `"${OV_DIR}/${name}/merged"`,
    '"overlay"',
    '0',
    `"lowerdir=${OV_LOWER.join(':')},upperdir=${OV_DIR}/${name}/upper,workdir=${OV_DIR}/${name}/work"`,
  ]);
}

/** The union filesystem lesson: mount an overlay, change things in it, mount a second one over the same lowers. */
export function overlaySteps(): FakeStep[] {
  const overlayMount = (name: string, id: number): Mount =>
    mount(id, 27, `${OV_DIR}/${name}/merged`, 'overlay', 'overlay', [], true);
  return [
    {
      title: 'Stack the layers',
      slide: '## Stack the layers\n\nTwo read-only image layers, one writable upper layer.',
      action: { name: 'mount-overlay', params: { layers: 2 } },
      log: [overlayMountLog('c1')],
      checks: [{ name: 'overlay mounted', ok: true, detail: 'fstype overlay' }],
      snapshot: (prev) => ({
        ...prev,
        mounts: [...prev.mounts, overlayMount('c1', 420)],
        overlays: [overlay('c1', [])],
      }),
    },
    {
      title: 'Copy-up and whiteouts',
      slide: '## Copy-up and whiteouts\n\nChanging a lower file **copies it up**; deleting one leaves a **whiteout**.',
      action: { name: 'run', params: { command: 'echo lab >/etc/hostname; rm /etc/motd', where: 'container' } },
      log: [entry('spawn', ['"/bin/sh"', '"-c"', '"echo lab >/etc/hostname; rm /etc/motd"'], '48251')],
      checks: [{ name: 'etc/motd is a whiteout in upper', ok: true, detail: 'char 0:0' }],
      snapshot: (prev) => ({ ...prev, overlays: [overlay('c1', C1_CHANGES)] }),
    },
    {
      title: 'A second container',
      slide: '## A second container\n\nSame lower layers, its own upper: the image is shared, the changes are not.',
      action: { name: 'mount-overlay', params: { layers: 2, name: 'c2' } },
      log: [overlayMountLog('c2')],
      checks: [{ name: 'lower layers shared', ok: true, detail: 'same lowerdir' }],
      snapshot: (prev) => ({
        ...prev,
        mounts: [...prev.mounts, overlayMount('c2', 421)],
        overlays: [overlay('c1', C1_CHANGES), overlay('c2', [{ path: 'hello.txt', kind: 'file' }])],
      }),
    },
  ];
}

/** A container by hand: a cgroup first, then the overlay steps (both panels have data). */
export function containerByHandSteps(): FakeStep[] {
  return [cgroupSteps('v2')[0], ...overlaySteps()];
}

/** The chain lessons' view after a `docker run` through the proxy, and a traced start. */
export const CHAIN_HTTP: HttpExchange[] = [
  { seq: 1, t: T0, method: 'HEAD', path: '/_ping', status: 200, statusText: 'OK', ms: 0.8 },
  { seq: 2, t: T0 + 3, method: 'POST', path: '/v1.41/containers/create', status: 201, statusText: 'Created', request: '{"Image":"container-lab/lab","HostConfig":{"NetworkMode":"none"}}', response: '{"Id":"f5f875435569…"}', ms: 41.2 },
  { seq: 3, t: T0 + 45, method: 'POST', path: '/v1.41/containers/f5f875435569/attach?stderr=1&stdout=1&stream=1', status: 101, statusText: 'UPGRADED', upgraded: true, ms: 1.1 },
  { seq: 4, t: T0 + 47, method: 'POST', path: '/v1.41/containers/f5f875435569/wait?condition=next-exit', status: 200, statusText: 'OK', response: '{"StatusCode":0}', ms: 390 },
  { seq: 5, t: T0 + 48, method: 'POST', path: '/v1.41/containers/f5f875435569/start', status: 204, statusText: 'No Content', ms: 320.5 },
];

export function chainSteps(): FakeStep[] {
  const chainProcesses: ProcessInfo[] = [
    { hostPid: 5101, nsPids: [5101], ppid: 1, name: 'containerd', cmdline: 'containerd --config /run/container-lab/session-1a2b/containerd.toml', uid: 0, uidInside: 0, role: 'containerd' },
    { hostPid: 5120, nsPids: [5120], ppid: 1, name: 'dockerd', cmdline: 'dockerd --containerd /run/container-lab/session-1a2b/containerd.sock', uid: 0, uidInside: 0, role: 'dockerd' },
    { hostPid: 5300, nsPids: [5300], ppid: 1, name: 'containerd-shim', cmdline: 'containerd-shim-runc-v2 -namespace moby -id f5f8', uid: 0, uidInside: 0, role: 'shim' },
    { hostPid: 5321, nsPids: [5321, 1], ppid: 5300, name: 'sleep', cmdline: 'sleep 3600', uid: 0, uidInside: 0, role: 'PID 1' },
  ];
  return [
    {
      title: 'docker run, through the proxy',
      slide: '## docker run, through the proxy\n\nEach request of the CLI, in order.',
      action: { name: 'docker', params: { args: ['run', '--rm', 'container-lab/lab'], via: 'proxy' } },
      log: [entry('docker', ['"-H"', '"unix:///run/container-lab/session-1a2b/api-proxy.sock"', '"run"'], '0')],
      checks: [{ name: 'api-saw', ok: true, detail: 'POST /containers/create → 201' }],
      output: ['Hello from inside a container!'],
      snapshot: (prev) => ({ ...prev, processes: chainProcesses, chain: { http: CHAIN_HTTP } }),
    },
    {
      title: 'The chain, live',
      slide: '## The chain, live\n\ndockerd → containerd → shim → runc → your process.',
      action: { name: 'traced-run', params: {} },
      log: [],
      checks: [{ name: 'shim-is-parent', ok: true, detail: 'PPid 5300 containerd-shim' }],
      snapshot: (prev) => ({
        ...prev,
        chain: {
          http: CHAIN_HTTP,
          timeline: {
            title: 'Timeline of docker run -d',
            entries: [
              { label: 'docker CLI', at: 0, pid: 5290 },
              { label: 'containerd-shim-runc-v2', at: 61, pid: 5300 },
              { label: 'runc create', at: 70, pid: 5310, goneAt: 112 },
              { label: 'runc:[2:INIT]', at: 88, pid: 5321 },
              { label: 'sleep (the container)', at: 140, pid: 5321 },
            ],
          },
          hops: { title: 'Where the time goes', bars: [{ label: 'CLI → API', ms: 35 }, { label: 'dockerd create', ms: 41.2 }, { label: 'runc create', ms: 42 }, { label: 'exec of the program', ms: 2.5 }] },
          blocks: [{ title: "containerd's tasks (moby)", lines: ['TASK    PID     STATUS', 'f5f8…   5321    RUNNING'] }],
        },
      }),
    },
  ];
}

/** A lesson 9 timeline of a `docker run`: the labels chainTimeline gives (the prestart hook's is the longest), times and PIDs like a recorded run's, one long-lived process. */
export const LESSON9_TIMELINE: TimelineEntry[] = [
  { label: 'docker run', at: 7.99, pid: 11423, goneAt: 880.5 },
  { label: 'shim start (by containerd)', at: 198.3, pid: 11431, goneAt: 228.39 },
  { label: 'containerd-shim-runc-v2', at: 227.36, pid: 11439, goneAt: 800.98 },
  { label: 'runc create', at: 258.38, pid: 11449, goneAt: 700.66 },
  { label: 'runc init → runc:[2:INIT]', at: 290.1, pid: 11455 },
  { label: "prestart hook: dockerd's binary as libnetwork-setkey", at: 320.4, pid: 11460, goneAt: 380.2 },
  { label: 'runc start', at: 702.3, pid: 11470, goneAt: 720.9 },
  { label: "sleep (the container's PID 1)", at: 721.5, pid: 11455, goneAt: 12345.2 },
];

/** Twelve hops, as lesson 9's `docker run --rm` through the proxy times them. */
export const TWELVE_HOPS = [
  ['docker CLI starts, asks', 132],
  ['dockerd: create', 41.2],
  ['CLI: attach, wait, start', 12],
  ['dockerd → containerd → shim', 88],
  ['shim → runc create', 9.5],
  ['runc create: ns, mounts', 42],
  ['prestart hook (dockerd)', 61],
  ['runc create: the rest', 7.1],
  ['back up, then runc start', 15],
  ['runc start → exec', 2.5],
  ['your program runs', 3.9],
  ['exit status back to CLI', 970],
].map(([label, ms]) => ({ label: label as string, ms: ms as number }));
