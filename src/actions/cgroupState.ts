// The cgroup lesson's state: the lab cgroup's driver (opened on the step's Sys), what the last hog measured, and why
// rootless no cgroup could be made here (the steps and checks on it are then skipped, saying so).
import type { LabContext } from '../steps/context.js';
import { defineSlot } from '../steps/slots.js';
import { LabError } from '../errors.js';
import { openCgroupDriver } from '../cgroup/open.js';
import type { CgroupDriver, HogRun } from '../cgroup/types.js';
import { notHere, type CheckOutcome } from '../steps/define.js';
import type { StepSkip } from '../types.js';

/** Set by join-cgroup when it made no cgroup: rootless, and systemd delegates no cgroup v2 subtree here. */
const noCgroup = defineSlot<{ skip?: StepSkip }>({ name: 'no lab cgroup', create: () => ({}) });

/** join-cgroup, rootless where nothing is delegated: the words every step and check on the lab cgroup skip with. */
export function cgroupNotHere(ctx: LabContext, delegation: { reason: string; fix: string }): StepSkip {
  const skip = {
    reason: `not root, and no cgroup of the lab's own can be made here: ${delegation.reason}`,
    needs: `a cgroup v2 subtree systemd delegates to your user (user@<uid>.service with cpu, memory and pids), or root: ${delegation.fix}`,
  };
  ctx.slots.use(noCgroup).skip = skip;
  return skip;
}

/** Why this session has no lab cgroup (join-cgroup was skipped), or undefined. */
export function cgroupSkip(ctx: LabContext): StepSkip | undefined {
  return ctx.slots.get(noCgroup)?.skip;
}

/** A check on the lab cgroup where there is none: not read, and why (null when there is one to read). */
export function cgroupCheckNotHere(ctx: LabContext): CheckOutcome | null {
  const skip = cgroupSkip(ctx);
  return skip ? notHere(`no lab cgroup to read: ${skip.reason}`) : null;
}

/*
 * Only data: the hog itself is gone when its step ends (src/actions/hog.ts kills what is left),
 * and Lab.close() removes the cgroup directories with the session, so nothing is torn down here.
 */
const hogs = defineSlot<{ last?: HogRun }>({ name: 'cgroup hogs', create: () => ({}) });

/** What the last hog step measured, for the checks after it; undefined before any hog ran. */
export function lastHog(ctx: LabContext): HogRun | undefined {
  return ctx.slots.get(hogs)?.last;
}

export function recordHog(ctx: LabContext, run: HogRun): void {
  ctx.slots.use(hogs).last = run;
}

/**
 * The driver for the session's cgroup, reading through ctx.sys: it knows this host's file names
 * (v1 or v2); an error with a hint before join-cgroup has made one (rootless: where nothing is delegated).
 */
export function labCgroup(ctx: LabContext): CgroupDriver {
  if (ctx.cgroupDirs.length === 0) {
    if (ctx.rootless) throw new LabError('cgroup limits need root here, or a cgroup v2 subtree systemd delegates to you', 'run container-lab as root (or with --sudo); container-lab doctor says what this host lacks');
    throw new LabError('the container is in no cgroup of the lab\'s yet', 'run the join-cgroup step first');
  }
  return openCgroupDriver('/', ctx.session.id, ctx.sys, ctx.cgroupDirs);
}
