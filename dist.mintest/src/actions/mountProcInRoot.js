// Mounts a fresh proc on /proc of the pivoted root, by the pivoted process: it is inside the PID namespace.
// Request to src/programs/changeRoot.ts: { op: 'mountProc' } → mount("proc", "/proc", "proc", MS_NOSUID|MS_NODEV|MS_NOEXEC).
// Rootless, the kernel refuses that (EPERM, below): a new pivot process mounts proc first, then pivots (runc's order).
import { z } from 'zod';
import { join } from 'node:path';
import { defineAction, syscall, outcome } from '../steps/define.js';
import { callRootProcess, rootPid, rootfsDir, startRootProcess } from './rootProcess.js';
import { PUT_OLD } from './pivotRoot.js';
import { LabError } from '../errors.js';
/**
 * fs/namespace.c mount_too_revealing(): in a mount namespace owned by a user namespace other than
 * the initial one, a new proc (or sysfs) is mounted only if one is already fully visible in that
 * mount namespace (mnt_already_visible()), so that a user namespace never sees more of /proc than
 * it could before. pivot_root has just detached the host's proc with the old root: EPERM.
 */
const REFUSED_ROOTLESS = [
    'EPERM: in a user namespace the kernel mounts a new proc only where a proc is already fully visible in the mount',
    'namespace (fs/namespace.c, mount_too_revealing()); pivot_root detached the host\'s /proc with the old root.',
    'runc (libcontainer/rootfs_linux.go) mounts /proc on the new root before pivot_root. So here a new pivot process does the same:',
    'unshare(CLONE_NEWNS), proc on rootfs/proc while the host\'s /proc was still in its mount namespace, then pivot_root.',
];
function refusedByKernel(error) {
    const last = error instanceof LabError ? error.log?.at(-1) : undefined;
    return last?.call === 'mount' && last.errno === 'EPERM';
}
/** Rootless: the refused mount stays in the log; then a pivot process that mounts proc before it pivots. */
async function procBeforePivot(ctx, refused) {
    const rootfs = rootfsDir(ctx.session.dir);
    const started = await startRootProcess(ctx, 'pivot');
    const reply = await callRootProcess(ctx, 'pivot', { op: 'pivot', newRoot: rootfs, putOld: join(rootfs, PUT_OLD), procFirst: true }, [...refused, ...started.log]);
    return outcome(reply.log, [...REFUSED_ROOTLESS, `proc mounted on /proc of the new pivot process, host PID ${started.pid}, in its own mount namespace`]);
}
export const mountProcInRoot = defineAction({
    name: 'mount-proc-in-root',
    params: z.strictObject({}),
    doc: 'The pivot_root process mounts a new proc filesystem on /proc of its new root (mount(2), nosuid, nodev, '
        + 'noexec), in its own mount namespace. A proc mount shows the PID namespace of the process that mounts it '
        + '(proc(5)), and this process was started inside the container\'s PID namespace: the image\'s empty /proc now '
        + 'lists only the container\'s processes, PID 1 first. Rootless the kernel refuses it (EPERM: a user namespace '
        + 'may mount proc only where one is already visible), and the step shows that, then starts a new pivot process '
        + 'that mounts proc on the rootfs before it pivots, as runc does.',
    host: {
        effect: 'mounts a new proc on /proc of the pivot process\'s root, in its own mount namespace',
        untrusted: 'allowed',
    },
    performs: [syscall('mount', 'proc(5)')],
    needs: ['pivot process'],
    run: async (ctx) => {
        const pid = rootPid(ctx, 'pivot');
        try {
            const reply = await callRootProcess(ctx, 'pivot', { op: 'mountProc' });
            return outcome(reply.log, [`proc mounted on /proc by host PID ${pid}, in its own mount namespace`]);
        }
        catch (error) {
            if (!ctx.rootless || !refusedByKernel(error))
                throw error;
            return procBeforePivot(ctx, error.log ?? []);
        }
    },
});
