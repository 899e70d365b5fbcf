// pivot_root(2): a process in a mount namespace of its own makes the rootfs "/" and detaches the old root.
// Request to src/programs/changeRoot.ts: { op: 'pivot', newRoot, putOld } → unshare(CLONE_NEWNS); chdir(newRoot);
// mkdir(putOld); pivot_root(newRoot, putOld); chdir("/"); umount2("/.old_root", MNT_DETACH); rmdir("/.old_root").
import * as z from 'zod';
import { defineAction, syscall, outcome } from '../steps/define.js';
import { join } from 'node:path';
import { startRootProcess, callRootProcess, rootfsDir } from './rootProcess.js';

export const PUT_OLD = '.old_root';

export const pivotRoot = defineAction({
  name: 'pivot-root',
  params: z.strictObject({}),
  doc: 'The container process starts a root changer (src/programs/changeRoot.ts, role pivot) as its child. That '
    + 'process first takes a mount namespace of its own (unshare(2) CLONE_NEWNS), so the container process keeps its '
    + 'root; then it pivot_root(2)s into <session>/rootfs with the old root put on /.old_root, and detaches that '
    + '(umount2(2) MNT_DETACH) and removes the directory. Its mountinfo then holds the rootfs as "/" and nothing of '
    + 'the host\'s. A rootfs that is not a mount point fails with EBUSY or EINVAL, shown in the log with a hint.',
  host: {
    effect: 'starts a root process pivoted into <session>/rootfs, in a mount namespace of its own',
    untrusted: 'allowed',
  },
  performs: [syscall('pivot_root'), syscall('unshare', 'CLONE_NEWNS unshare(2)'), syscall('umount2', 'MNT_DETACH umount2(2)')],
  needs: ['rootfs'],
  provides: ['pivot process'],
  run: async (ctx) => {
    const rootfs = rootfsDir(ctx.session.dir);
    const started = await startRootProcess(ctx, 'pivot');
    const reply = await callRootProcess(ctx, 'pivot', { op: 'pivot', newRoot: rootfs, putOld: join(rootfs, PUT_OLD) }, started.log);
    return outcome(reply.log, [`pivot_root process: host PID ${started.pid}, in a mount namespace of its own`, ...reply.output], reply.output);
  },
});
