// Shared data shapes: lessons, kernel snapshots, syscall-log entries and session state.

/** Namespace kinds as named by the links in /proc/<pid>/ns. */
export const NS_TYPES = ['uts', 'pid', 'mnt', 'net', 'ipc', 'cgroup', 'user', 'time'] as const;
export type NsType = (typeof NS_TYPES)[number];

/** One line of the strace-style log: `unshare(CLONE_NEWUTS) = 0`. */
export interface SyscallEntry {
  /** ms since the epoch when the call returned */
  t: number;
  /** syscall or operation name: "unshare", "mount", "write", "spawn" */
  call: string;
  /** arguments already rendered the way strace would print them */
  args: string[];
  /** "0", "1234", or "-1" on failure */
  ret: string;
  /** errno code name on failure, e.g. "EPERM" */
  errno?: string;
  /** strerror text on failure */
  message?: string;
  /** which process made the call (host PID) */
  pid?: number;
  /** how long the call took, in ms */
  ms?: number;
}

/** A process seen from the host, with its PID in each nested PID namespace. */
export interface ProcessInfo {
  hostPid: number;
  /** NSpid from /proc/<pid>/status: outermost first, innermost last */
  nsPids: number[];
  ppid: number;
  /** Name: from status */
  name: string;
  /** /proc/<pid>/cmdline, NULs turned into spaces */
  cmdline: string;
  /** real uid seen from the host, and as seen inside its own user namespace (from uid_map) */
  uid: number;
  uidInside: number | null;
  /** what this process is to the lab: the builder, the container's PID 1, a command run inside */
  role: string;
}

/** One namespace kind, host inode next to the container's. */
export interface NsRow {
  type: NsType;
  host: number | null;
  container: number | null;
}

/** One parsed line of /proc/<pid>/mountinfo (proc(5)). */
export interface MountEntry {
  mountId: number;
  parentId: number;
  majorMinor: string;
  root: string;
  mountPoint: string;
  mountOptions: string;
  optionalFields: string[];
  fsType: string;
  source: string;
  superOptions: string;
}

/** One line of /proc/<pid>/cgroup: "hierarchy-ID:controller-list:cgroup-path". */
export interface CgroupMembership {
  hierarchyId: number;
  controllers: string[];
  path: string;
}

/** A network interface as the container sees it. */
export interface LinkInfo {
  name: string;
  up: boolean;
}

/** One cgroup interface file of the container's cgroup, with its real name on this host. */
export interface CgroupFile {
  /** e.g. "memory.max" (v2) or "memory.limit_in_bytes" (v1) */
  name: string;
  /** what the lesson calls it on every host: "memory limit", "OOM kills", "throttled periods" */
  meaning: string;
  /** the file's content, trimmed (first lines only for multi-line files) */
  value: string;
  /** the directory it was read from */
  dir: string;
}

/** An overlay mount of the container, and what its upper layer holds. */
export interface OverlayState {
  merged: string;
  lower: string[];
  upper: string;
  work: string;
  /** entries of upperdir: copied-up or new files, whiteouts (char 0:0), opaque directories */
  upperEntries: Array<{ path: string; kind: 'file' | 'dir' | 'whiteout' | 'opaque' | 'symlink' }>;
}

/** One HTTP request on the docker socket and its response, as the lab's logging proxy saw them. */
export interface HttpExchange {
  /** order in which the request arrived, from 1 */
  seq: number;
  /** ms since the epoch when the request line arrived */
  t: number;
  method: string;
  /** the request target as sent, e.g. /v1.41/containers/create?name=x */
  path: string;
  /** null while no response has come */
  status: number | null;
  statusText?: string;
  /** the bodies' JSON trimmed to what matters, or a note like "(tar, 1.1 MB)" */
  request?: string;
  response?: string;
  upgraded?: boolean;
  /** ms from the request line to the end of the response (to the headers for 101 and streams) */
  ms?: number;
}

/** A moment in the chain: "shim appeared", ms after the keypress. */
export interface TimelineEntry {
  label: string;
  /** ms after the step began */
  at: number;
  pid?: number;
  /** ms after the step began when the process was gone again (runc), if it went */
  goneAt?: number;
}

/** The chain lessons' view beside the kernel's: what the daemons, the API and runc say. */
export interface ChainView {
  /** the docker API proxy's exchanges, in order */
  http?: HttpExchange[];
  /** when each hop of the chain appeared */
  timeline?: { title: string; entries: TimelineEntry[] };
  /** where the time of one `docker run` went: one bar per hop */
  hops?: { title: string; bars: Array<{ label: string; ms: number }> };
  /** titled text: runc's state JSON, containerd's containers and tasks, config.json's key parts */
  blocks?: Array<{ title: string; lines: string[] }>;
  /** the part this step is about: kept whole while the others give up lines */
  focus?: 'http' | 'timeline' | 'hops';
}

/** What the kernel says right now about the container under construction. */
export interface Snapshot {
  takenAt: number;
  /** host hostname and the container's (null while there is no container process) */
  hostname: { host: string; container: string | null };
  kernel: { host: string; container: string | null };
  namespaces: NsRow[];
  processes: ProcessInfo[];
  /** the container's mount table; `added` marks lines the host's table does not have */
  mounts: Array<MountEntry & { added: boolean }>;
  cgroups: CgroupMembership[];
  links: LinkInfo[];
  /** user namespace maps of the container process, as written in /proc/<pid>/uid_map */
  uidMap: string | null;
  gidMap: string | null;
  /** the container's cgroup interface files (empty until the lesson makes a cgroup) */
  cgroupFiles?: CgroupFile[];
  /** overlay mounts the lesson made (empty until one is mounted) */
  overlays?: OverlayState[];
  /** the chain lessons' API log, timeline, bars and daemon views (absent in other lessons) */
  chain?: ChainView;
}

/** A check's outcome: "PID inside is 1" → pass, with what was read. */
export interface CheckResult {
  name: string;
  ok: boolean;
  detail: string;
  /** not read: what it checks cannot exist on this host (a skipped step's), and `detail` says why; ok is true then */
  skipped?: boolean;
}

/** A check named in a lesson file: `- ns-differs: { ns: uts }`. */
export interface CheckSpec {
  kind: string;
  params: Record<string, unknown>;
  line: number;
}

/** One step of a lesson: the slide, the action it performs, the checks that prove it. */
export interface StepSpec {
  title: string;
  /** markdown of the slide */
  slide: string;
  /** speaker notes (markdown), may be empty */
  notes: string;
  action: { name: string; params: Record<string, unknown> };
  checks: CheckSpec[];
  /** line of the step's heading in the lesson file */
  line: number;
  /** tasks the learner does by hand once this step has run (```task blocks in its section) */
  tasks: TaskSpec[];
}

/** Where the learner may work on a task: the app's `s` shell, `container-lab shell` in a second terminal, a shell on the host. */
export type TaskPlace = 'shell' | 'second-terminal' | 'host';

/** A ```task block: something the learner does by hand, decided by checks read from the kernel. */
export interface TaskSpec {
  /** [a-z0-9-]+, unique in its lesson: progress is kept under it */
  id: string;
  title: string;
  /** markdown: what to do */
  text: string;
  use: TaskPlace[];
  /** revealed one at a time (markdown) */
  hints: string[];
  /** every one must hold for the task to be solved */
  checks: CheckSpec[];
  /** line of the ```task fence */
  line: number;
}

/**
 * A task as the learner meets it: waiting until its step has run, then open (its checks read again
 * and again) until every check holds (solved) or the learner skips it.
 */
export interface TaskState {
  id: string;
  /** index of the step it follows: it opens once that step has run */
  step: number;
  status: 'waiting' | 'open' | 'solved' | 'skipped';
  /** the last reading of its checks (empty before the first) */
  checks: CheckResult[];
  /** how many hints are shown */
  hintsShown: number;
  /** ms since the epoch */
  openedAt: number | null;
  solvedAt: number | null;
}

export type Privilege = 'root' | 'rootless';

/** Where a lesson file came from: the package's own lessons are trusted, those from anywhere else are not. */
export interface LessonSource {
  trusted: boolean;
  /** "the package", "$CONTAINER_LAB_LESSONS", "--lessons", "the command line" */
  from: string;
}

/** What one step will do to the host with root, in words: the list an untrusted lesson asks consent for. */
export interface StepEffects {
  step: string;
  effects: string[];
}

export interface Lesson {
  id: string;
  title: string;
  summary: string;
  /** "root": needs real root; "rootless": also runs inside a user namespace */
  privilege: Privilege;
  /** a root lesson that also runs rootless where the host allows it: cgroup-delegation, a cgroup v2 subtree systemd delegates to the user */
  rootlessWhere?: 'cgroup-delegation';
  /** privilege root: which primitive needs root and why a user namespace is not enough, in one line */
  rootless?: string;
  order: number;
  /** programs of the container chain the lesson runs: docker, dockerd, containerd, ctr, runc… */
  requires: string[];
  /** also runs on the host's own Docker (--host-docker), not only on the lab's private daemons */
  hostDocker: boolean;
  /** markdown shown before the first step */
  intro: string;
  steps: StepSpec[];
  file: string;
  /** trusted or not, by where the file came from */
  source: LessonSource;
  /** each step's host-side effects, in the order the steps run */
  hostEffects: StepEffects[];
}

/** A lesson file that failed to load: `file:line: message`. */
export interface LessonLoadError {
  file: string;
  line: number;
  message: string;
}

export type StepStatus = 'pending' | 'running' | 'done' | 'failed' | 'skipped';

/** Why a step did not run on this host (its action said so), and what the host would need for it. */
export interface StepSkip {
  reason: string;
  needs: string;
}

/** What happened when a step ran. */
export interface StepRun {
  status: StepStatus;
  log: SyscallEntry[];
  /** lines printed by programs the step ran (e.g. `uname -r` inside) */
  output: string[];
  checks: CheckResult[];
  /** the reason a step failed, in words for the user */
  error?: string;
  /** how to fix it, when known */
  hint?: string;
  /** status skipped: why, and what the host would need */
  skipped?: StepSkip;
  ms: number;
}

/** Everything the lesson screen draws. */
export interface SessionState {
  lesson: Lesson;
  /** one entry per step of the lesson */
  steps: StepRun[];
  /** how many steps have been applied (0 = none; next step to run is steps[cursor]) */
  cursor: number;
  busy: boolean;
  /** what the session is doing right now, e.g. "rebuilding from the start" */
  activity: string | null;
  snapshot: Snapshot | null;
  /** a problem that is not a step's own (helper died, privilege missing) */
  error: string | null;
  /** true while the terminal is handed to a shell inside the container */
  inShell: boolean;
  /** information, not a failure: e.g. why `s` opens no shell yet and which step makes the container */
  notice: string | null;
  /** the lesson's tasks, in file order (none when tasks are hidden: --mode present, a replay) */
  tasks: TaskState[];
}

/** A lesson opened against a backend (the real helper, a recording, or a fake in UI tests). */
export interface LessonSession {
  /** set when the session replays a recording (nothing runs): the line the app shows above every screen */
  readonly replay?: { banner: readonly string[] };
  getState(): SessionState;
  /** called after every state change; returns the unsubscribe function */
  subscribe(listener: () => void): () => void;
  /** run the next step */
  next(): Promise<void>;
  /** undo the last step (for real, by rebuilding from the start) */
  back(): Promise<void>;
  /** tear the container down and start the lesson again */
  reset(): Promise<void>;
  /**
   * go to the state after step `cursor` (0: before the first step), as → pressed that many times
   * from the start would: forward by running the steps, backward by the rebuild ← uses
   */
  jump(cursor: number): Promise<void>;
  /** hand the terminal to a shell inside the container; resolves when it exits */
  shell(): Promise<void>;
  /** show the next hint of an open task */
  hint(taskId: string): void;
  /** leave an open task unsolved and go on (study mode waits for tasks until solved or skipped) */
  skipTask(taskId: string): void;
  /** tear everything down */
  close(): Promise<void>;
}

/** How far a learner got in a lesson (kept per user): the menu shows it as "5/16 steps" and offers to continue from it. */
export interface LessonReached {
  stepsReached: number;
  /** when it was last opened or moved on (ISO 8601) */
  last: string;
  /** how many of its tasks are solved */
  tasksSolved: number;
}

/** What the app needs from the world: lessons to list and a way to open one. */
export interface LabBackend {
  lessons: Lesson[];
  loadErrors: LessonLoadError[];
  /** a line about privilege (e.g. "running rootless: lessons marked root are unavailable") */
  privilegeNote: string | null;
  /** why a lesson cannot run here, or null when it can */
  unavailable(lesson: Lesson): string | null;
  open(lesson: Lesson): Promise<LessonSession>;
  /** a lesson that cannot run here but has a recording to replay instead (the menu offers it) */
  hasRecording?(lesson: Lesson): boolean;
  /** opens that recording's replay */
  openRecording?(lesson: Lesson): Promise<LessonSession>;
}
