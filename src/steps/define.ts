// What a step kind is: one definition per action and per check — name, parameters, doc, primitive, needs, code.
import type * as z from 'zod';
import type { LabContext } from './context.js';
import type { CheckResult, StepSkip, SyscallEntry } from '../types.js';
import type { ContainerSide } from '../builder/state.js';

/** The kernel primitive or program an action performs, with the man page that explains it. */
export interface Primitive {
  kind: 'syscall' | 'program' | 'file';
  /** "unshare", "runc", "memory.max" */
  name: string;
  /** "unshare(2)", "runc-create(8)", "cgroups(7)" */
  man: string;
}

export function syscall(name: string, man = `${name}(2)`): Primitive {
  return { kind: 'syscall', name, man };
}

export function program(name: string, man = `${name}(1)`): Primitive {
  return { kind: 'program', name, man };
}

/** A kernel interface file written or read: cgroupfs, /proc. */
export function kernelFile(name: string, man: string): Primitive {
  return { kind: 'file', name, man };
}

/**
 * What the lab has after a step: "own mnt namespace", "PID 1", "lab cgroup", "docker daemon"…
 * An action names what it needs before it runs and what it provides (or ends) for later steps;
 * the lesson loader checks the order at load time (src/steps/capabilities.ts). A name may hold
 * a parameter, "overlay {container}", and end in a condition on one, "API proxy if via=proxy".
 */
export type Capabilities = readonly string[];

/**
 * What a step does to the host with root, in words, and whether a lesson from outside the package
 * may use it. `effect` may name parameters, "runs `{command}` as root on the host", and end in a
 * condition like the capabilities', "… if where=host"; a list gives one line per entry that holds.
 */
export interface HostSide {
  effect: string | readonly string[];
  /** 'allowed' for untrusted lessons, or refused: why, for every step or only `if` a condition holds */
  untrusted: 'allowed' | { refused: string; if?: string };
}

export interface ActionOutcome {
  log: SyscallEntry[];
  /** the step did nothing on this host: why, and what it would need (the step is shown as skipped) */
  skipped?: StepSkip;
  /** lines shown under the step */
  output: string[];
  /** what the step's programs printed on stdout: the output checks read it (defaults to none) */
  stdout?: string[];
}

export interface ActionDefinition<S extends z.ZodType = z.ZodType> {
  name: string;
  /** the source file that defines it, "src/actions/unshare.ts": filled in by defineAction */
  file?: string;
  params: S;
  /** one paragraph for lesson authors: what the step does and what the learner sees */
  doc: string;
  /** the primitives it performs, the main one first */
  performs: readonly Primitive[];
  /** what it does to the host with root, and whether an untrusted lesson may use it (required) */
  host: HostSide;
  needs?: Capabilities;
  provides?: Capabilities;
  /** capabilities this step takes away (a daemon stopped, a container deleted) */
  ends?: Capabilities;
  /**
   * The part of the step that runs inside the container process (the builder), on its main thread:
   * its kernel calls change the container's own namespaces. `run` asks for it with inContainer().
   * `given` is what only the helper knows and `run` sends along (paths in the session directory);
   * the container part checks it before use.
   */
  inContainer?(side: ContainerSide, params: z.output<S>, given?: unknown): object | Promise<object>;
  run(ctx: LabContext, params: z.output<S>): Promise<ActionOutcome>;
}

export type CheckOutcome = Omit<CheckResult, 'name'>;

export interface CheckDefinition<S extends z.ZodType = z.ZodType> {
  name: string;
  /** the source file that defines it: filled in by defineCheck */
  file?: string;
  params: S;
  /** one paragraph: what it proves and how */
  doc: string;
  /** where it reads the kernel's answer: "/proc/<pid>/ns/*", "memory.events", "runc state" */
  reads: readonly string[];
  run(ctx: LabContext, params: z.output<S>): CheckOutcome;
}

export function defineAction<S extends z.ZodType>(definition: ActionDefinition<S>): ActionDefinition<S> {
  return { ...definition, file: definingFile() };
}

export function defineCheck<S extends z.ZodType>(definition: CheckDefinition<S>): CheckDefinition<S> {
  return { ...definition, file: definingFile() };
}

/**
 * The module that called defineAction/defineCheck, as its source path ("src/actions/unshare.ts"),
 * read from the call stack: frame 0 is this function, 1 define*, 2 the defining module. Built code
 * runs from dist/, so dist/…/x.js is named by its source, …/x.ts.
 */
function definingFile(): string | undefined {
  const frame = new Error().stack?.split('\n')[3] ?? '';
  const path = /(?:file:\/\/)?(\/[^():]+\.[jt]sx?):\d+:\d+\)?$/.exec(frame)?.[1];
  const m = path ? /\/((?:src|native)\/.+)$/.exec(path.replace(/\/dist\//, '/')) : null;
  return m ? m[1].replace(/\.js$/, '.ts') : undefined;
}

export function outcome(log: SyscallEntry[] = [], output: string[] = [], stdout?: string[]): ActionOutcome {
  return stdout ? { log, output, stdout } : { log, output };
}

/** The step cannot be done on this host: it does nothing, is shown as skipped and its checks are not read. */
export function skipped(skip: StepSkip, log: SyscallEntry[] = []): ActionOutcome {
  return { log, output: [], skipped: skip };
}

/** What the check reads cannot exist here (a skipped step's): neither passed nor failed, `detail` says why. */
export function notHere(detail: string): CheckOutcome {
  return { ok: true, skipped: true, detail };
}

export function pass(detail: string): CheckOutcome {
  return { ok: true, detail };
}

export function fail(detail: string): CheckOutcome {
  return { ok: false, detail };
}

