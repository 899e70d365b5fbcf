// The changing-root lesson's processes (src/programs/changeRoot.ts): their slot, and how a step talks to them through the container process.
import { join } from 'node:path';
import { defineSlot } from '../steps/slots.js';
import { builderCall } from './builderCall.js';
import { LabError } from '../errors.js';
/** Where the lesson unpacks the image: inside the session's private directory. */
export function rootfsDir(sessionDir) {
    return join(sessionDir, 'rootfs');
}
/**
 * Kills the root processes and waits until their parent, the container process, has reaped them.
 * Orphaned zombies would go to the host's init to reap, and the PID namespace's init, killed
 * next, waits in its exit until every PID of its namespace is freed (pid_namespaces(7)).
 */
async function stopRootProcesses({ chroot, pivot, sys }, timeoutMs = 1000) {
    const pids = [chroot, pivot].filter((p) => p !== null);
    if (!sys)
        return;
    for (const pid of pids)
        sys.kill(pid, 'SIGKILL');
    const deadline = Date.now() + timeoutMs;
    while (pids.some((p) => sys.exists(`/proc/${p}`)) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 5));
}
export const rootProcessesSlot = defineSlot({
    name: 'root processes',
    create: () => ({ chroot: null, pivot: null, sys: null }),
    teardown: (state) => stopRootProcesses(state),
});
/** The chroot and pivot processes' host PIDs (null before their step): for the checks and the kernel tests. */
export function rootProcessPids(ctx) {
    const state = ctx.slots.get(rootProcessesSlot);
    return { chroot: state?.chroot ?? null, pivot: state?.pivot ?? null };
}
/** Starts the role's process as a child of the container process; its host PID goes in the slot (init: ctx.initPid). */
export async function startRootProcess(ctx, role) {
    const started = await builderCall(ctx, 'startRootProcess', { role });
    if (role === 'init') {
        ctx.initPid = started.pid;
    }
    else {
        const state = ctx.slots.use(rootProcessesSlot);
        state.sys = ctx.sys;
        state[role] = started.pid;
    }
    return started;
}
/** One request to the role's process. `before` (calls already made in this step) leads the log, on failure too. */
export async function callRootProcess(ctx, role, request, before = []) {
    try {
        const reply = await builderCall(ctx, 'rootProcessCall', { role, request });
        return { ...reply, log: [...before, ...reply.log] };
    }
    catch (error) {
        if (error instanceof LabError)
            error.log = [...before, ...(error.log ?? [])];
        throw error;
    }
}
/** The host PID of the role's process, or a LabError saying which step starts it. */
export function rootPid(ctx, role) {
    const pid = role === 'init' ? ctx.initPid : rootProcessPids(ctx)[role];
    if (pid === null)
        throw new LabError(`no ${role} process yet`, `run the lesson's ${role === 'init' ? 'PID 1' : role === 'chroot' ? 'chroot' : 'pivot_root'} step first`);
    return pid;
}
