// The container-by-hand lesson's PID 1: state checks, and how to run a program in its namespaces and root.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabContext } from '../steps/context.js';
import { LabError } from '../errors.js';

/** PID 1 while it still takes requests (before it execs its program). */
export function requireInitWaiting(ctx: LabContext): number {
  if (ctx.initPid === null || !ctx.container) throw new LabError('the container has no PID 1 yet', 'run the step that starts PID 1 (start-container-init) first');
  if (ctx.container.execed) throw new LabError(`PID 1 (host PID ${ctx.initPid}) has already exec'd its program`, 'reset the lesson (r) to start again');
  return ctx.initPid;
}

/** PID 1 once it has pivoted into the overlay: the container proper. */
export function requirePivotedInit(ctx: LabContext): number {
  if (ctx.initPid === null || !ctx.container?.merged) throw new LabError('PID 1 has not pivoted into the container\'s root yet', 'run the pivot_root step (pivot-init) first');
  return ctx.initPid;
}

/**
 * nsenter(1) into every namespace of PID 1 and its root: the setns(2) calls `docker exec` makes.
 * Started by the container process, the program also lands in its cgroup.
 */
export function enterInitArgv(pid: number, argv: string[]): string[] {
  return ['nsenter', `--target=${pid}`, '--mount', '--uts', '--ipc', '--net', '--pid', '--cgroup', '--root', '--wd', '--', ...argv];
}

/** `container-lab shell` in another terminal joins this process rather than the container process. */
export function publishInit(ctx: LabContext, pid: number): void {
  writeFileSync(join(ctx.session.dir, 'init.pid'), `${pid}\n`);
}
