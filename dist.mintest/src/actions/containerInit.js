// The container-by-hand lesson's PID 1: its slot (the overlay it pivoted into, whether it has exec'd), state checks, and how to enter it.
import { join } from 'node:path';
import { defineSlot } from '../steps/slots.js';
import { LabError } from '../errors.js';
/** Nothing to undo: PID 1 goes with the lab's initPid, the overlay with the mount namespace, init.pid with the session dir. */
export const containerSlot = defineSlot({
    name: 'container by hand',
    create: () => ({ execed: false }),
});
/** The by-hand container's state, once its PID 1 has started (start-container-init). */
export function containerByHand(ctx) {
    return ctx.slots.get(containerSlot);
}
/** PID 1 while it still takes requests (before it execs its program). */
export function requireInitWaiting(ctx) {
    const container = containerByHand(ctx);
    if (ctx.initPid === null || !container)
        throw new LabError('the container has no PID 1 yet', 'run the step that starts PID 1 (start-container-init) first');
    if (container.execed)
        throw new LabError(`PID 1 (host PID ${ctx.initPid}) has already exec'd its program`, 'reset the lesson (r) to start again');
    return ctx.initPid;
}
/** PID 1 once it has pivoted into the overlay: the container proper. */
export function requirePivotedInit(ctx) {
    if (ctx.initPid === null || !containerByHand(ctx)?.merged)
        throw new LabError('PID 1 has not pivoted into the container\'s root yet', 'run the pivot_root step (pivot-init) first');
    return ctx.initPid;
}
/**
 * nsenter(1) into every namespace of PID 1 and its root: the setns(2) calls `docker exec` makes.
 * Started by the container process, the program also lands in its cgroup.
 */
export function enterInitArgv(pid, argv) {
    return ['nsenter', `--target=${pid}`, '--mount', '--uts', '--ipc', '--net', '--pid', '--cgroup', '--root', '--wd', '--', ...argv];
}
/** `container-lab shell` in another terminal joins this process rather than the container process. */
export function publishInit(ctx, pid) {
    ctx.sys.writeFile(join(ctx.session.dir, 'init.pid'), `${pid}\n`);
}
