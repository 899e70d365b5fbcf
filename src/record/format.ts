// The recording file's shapes (asciicast v2 plus container-lab's own events), as zod schemas checked against the app's types.
import * as z from 'zod';
import type { SessionEvent } from '../lesson/reducer.js';
import type {
  CgroupFile,
  CgroupMembership,
  ChainView,
  CheckResult,
  Lesson,
  MountEntry,
  NsRow,
  OverlayState,
  ProcessInfo,
  Snapshot,
  StepRun,
  SyscallEntry,
} from '../types.js';
import { NS_TYPES } from '../types.js';

/** The version of container-lab's part of the file; a reader refuses a larger one. */
export const RECORDING_FORMAT = 1;

/** The asciicast v2 event code of container-lab's lines (the spec leaves the list of codes open). */
export const LAB_CODE = 'container-lab';

/** asciicast v2's first line (https://docs.asciinema.org/manual/asciicast/v2/): only keys the spec names. */
export const headerSchema = z.object({
  version: z.literal(2),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  timestamp: z.number().int().optional(),
  title: z.string().optional(),
});
export type AsciicastHeader = z.infer<typeof headerSchema>;

/** Where and when the recording was made, and by which version: the replay's banner says it. */
export interface RecordingMeta {
  app: string;
  /** ISO 8601 */
  date: string;
  /** uname -r */
  kernel: string;
  /** uname -m */
  arch: string;
  /** "v2 (systemd)", "v2", "v1 hybrid", "v1" or "none" */
  cgroup: string;
}

const num = z.number();
const int = z.number().int();

const syscallEntry = z.object({
  t: num,
  call: z.string(),
  args: z.array(z.string()),
  ret: z.string(),
  errno: z.string().optional(),
  message: z.string().optional(),
  pid: int.optional(),
  ms: num.optional(),
}) satisfies z.ZodType<SyscallEntry>;

const checkResult = z.object({ name: z.string(), ok: z.boolean(), detail: z.string(), skipped: z.boolean().optional() }) satisfies z.ZodType<CheckResult>;

const stepRun = z.object({
  status: z.enum(['pending', 'running', 'done', 'failed', 'skipped']),
  log: z.array(syscallEntry),
  output: z.array(z.string()),
  checks: z.array(checkResult),
  error: z.string().optional(),
  hint: z.string().optional(),
  skipped: z.object({ reason: z.string(), needs: z.string() }).optional(),
  ms: num,
}) satisfies z.ZodType<StepRun>;

const processInfo = z.object({
  hostPid: int,
  nsPids: z.array(int),
  ppid: int,
  name: z.string(),
  cmdline: z.string(),
  uid: int,
  uidInside: int.nullable(),
  role: z.string(),
}) satisfies z.ZodType<ProcessInfo>;

const nsRow = z.object({ type: z.enum(NS_TYPES), host: int.nullable(), container: int.nullable() }) satisfies z.ZodType<NsRow>;

const mountEntry = z.object({
  mountId: int,
  parentId: int,
  majorMinor: z.string(),
  root: z.string(),
  mountPoint: z.string(),
  mountOptions: z.string(),
  optionalFields: z.array(z.string()),
  fsType: z.string(),
  source: z.string(),
  superOptions: z.string(),
}) satisfies z.ZodType<MountEntry>;

const cgroupFile = z.object({ name: z.string(), meaning: z.string(), value: z.string(), dir: z.string() }) satisfies z.ZodType<CgroupFile>;

const overlayState = z.object({
  merged: z.string(),
  lower: z.array(z.string()),
  upper: z.string(),
  work: z.string(),
  upperEntries: z.array(z.object({ path: z.string(), kind: z.enum(['file', 'dir', 'whiteout', 'opaque', 'symlink']) })),
}) satisfies z.ZodType<OverlayState>;

const chainView = z.object({
  http: z
    .array(
      z.object({
        seq: int,
        t: num,
        method: z.string(),
        path: z.string(),
        status: int.nullable(),
        statusText: z.string().optional(),
        request: z.string().optional(),
        response: z.string().optional(),
        upgraded: z.boolean().optional(),
        ms: num.optional(),
      }),
    )
    .optional(),
  timeline: z
    .object({
      title: z.string(),
      entries: z.array(z.object({ label: z.string(), at: num, pid: int.optional(), goneAt: num.optional() })),
    })
    .optional(),
  hops: z.object({ title: z.string(), bars: z.array(z.object({ label: z.string(), ms: num })) }).optional(),
  blocks: z.array(z.object({ title: z.string(), lines: z.array(z.string()) })).optional(),
  focus: z.enum(['http', 'timeline', 'hops']).optional(),
}) satisfies z.ZodType<ChainView>;

export const snapshotSchema = z.object({
  takenAt: num,
  hostname: z.object({ host: z.string(), container: z.string().nullable() }),
  kernel: z.object({ host: z.string(), container: z.string().nullable() }),
  namespaces: z.array(nsRow),
  processes: z.array(processInfo),
  mounts: z.array(mountEntry.extend({ added: z.boolean() })),
  cgroups: z.array(z.object({ hierarchyId: int, controllers: z.array(z.string()), path: z.string() }) satisfies z.ZodType<CgroupMembership>),
  links: z.array(z.object({ name: z.string(), up: z.boolean() })),
  uidMap: z.string().nullable(),
  gidMap: z.string().nullable(),
  cgroupFiles: z.array(cgroupFile).optional(),
  overlays: z.array(overlayState).optional(),
  chain: chainView.optional(),
}) satisfies z.ZodType<Snapshot>;

/** The reducer's event types (src/lesson/reducer.ts). */
export const EVENT_TYPES = ['step-started', 'step-finished', 'snapshot', 'cgroup-files', 'chain', 'activity', 'rewound', 'error', 'notice', 'shell'] as const satisfies ReadonlyArray<SessionEvent['type']>;

/** Every reducer event but the snapshot, which a recording stores as a change to the one before (snapshotChange). */
const eventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('step-started'), index: int.nonnegative() }),
  z.object({ type: z.literal('step-finished'), index: int.nonnegative(), run: stepRun, advance: z.boolean() }),
  z.object({ type: z.literal('snapshot'), snapshot: snapshotSchema }),
  z.object({ type: z.literal('cgroup-files'), files: z.array(cgroupFile) }),
  z.object({ type: z.literal('chain'), processes: z.array(processInfo), view: chainView }),
  z.object({ type: z.literal('activity'), text: z.string().nullable(), busy: z.boolean() }),
  z.object({ type: z.literal('rewound'), cursor: int.nonnegative() }),
  z.object({ type: z.literal('error'), message: z.string().nullable() }),
  z.object({ type: z.literal('notice'), message: z.string().nullable() }),
  z.object({ type: z.literal('shell'), open: z.boolean() }),
]) satisfies z.ZodType<SessionEvent>;

export const lessonSchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  summary: z.string(),
  privilege: z.enum(['root', 'rootless']),
  rootlessWhere: z.enum(['cgroup-delegation']).optional(),
  rootless: z.string().optional(),
  order: int,
  requires: z.array(z.string()),
  hostDocker: z.boolean(),
  intro: z.string(),
  steps: z
    .array(
      z.object({
        title: z.string(),
        slide: z.string(),
        notes: z.string(),
        action: z.object({ name: z.string(), params: z.record(z.string(), z.unknown()) }),
        checks: z.array(z.object({ kind: z.string(), params: z.record(z.string(), z.unknown()), line: int })),
        line: int,
        // recordings carry no tasks (a replay checks nothing the learner does)
        tasks: z.array(z.never()).default([]),
      }),
    )
    .min(1),
  file: z.string(),
  source: z.object({ trusted: z.boolean(), from: z.string() }),
  hostEffects: z.array(z.object({ step: z.string(), effects: z.array(z.string()) })),
}) satisfies z.ZodType<Lesson>;

/** The first container-lab line: what was recorded, where and by what. Only `format` is read before the rest. */
export const recordingLineSchema = z.object({
  type: z.literal('recording'),
  format: int,
  app: z.string(),
  date: z.string(),
  kernel: z.string(),
  arch: z.string(),
  cgroup: z.string(),
  lesson: z.unknown(),
});

/** A snapshot stored as the keys that changed since the recording's snapshot before it, and those gone. */
export const snapshotChangeSchema = z.object({
  type: z.literal('snapshot'),
  set: snapshotSchema.partial(),
  unset: z.array(z.string()).optional(),
});
export type SnapshotChange = z.infer<typeof snapshotChangeSchema>;

/** Every container-lab line after the first. */
export const labLineSchema = z.discriminatedUnion('type', [
  /** a session of the lesson opened: the state starts again from the lesson's first screen */
  z.object({ type: z.literal('open') }),
  z.object({ type: z.literal('event'), event: eventSchema }),
  snapshotChangeSchema,
]);
export type LabLine = z.infer<typeof labLineSchema>;
