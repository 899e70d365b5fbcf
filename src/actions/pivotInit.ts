// PID 1 pivot_root(2)s into the container's merged overlay directory, in a mount namespace of its own.
// Request to PID 1 (src/programs/changeRoot.ts): { op: 'pivot', newRoot: merged, putOld } → unshare(CLONE_NEWNS) unless
// mount-proc-in-init took one; chdir(merged); mkdir(putOld); pivot_root(merged, putOld); chdir("/"); umount2("/.old_root", MNT_DETACH); rmdir.
import * as z from 'zod';
import { defineAction, syscall, outcome } from '../steps/define.js';
import { containerName } from '../steps/params.js';
import { join } from 'node:path';
import { callRootProcess } from './rootProcess.js';
import { requireContainer } from './layersState.js';
import { containerByHand, requireInitWaiting } from './containerInit.js';
import { PUT_OLD } from './pivotRoot.js';

export const pivotInit = defineAction({
  name: 'pivot-init',
  params: z.strictObject({ container: containerName }),
  doc: 'PID 1 (still waiting for requests) pivot_root(2)s into the merged directory of the named container\'s '
    + 'overlay, in a mount namespace of its own (unshare(2) CLONE_NEWNS first, unless mount-proc-in-init already took '
    + 'one), then detaches the old root (umount2(2) MNT_DETACH) and removes /.old_root. Its mountinfo then holds the '
    + 'overlay as "/" (and the proc mounted under it before, now on /proc) and nothing of the host\'s; the container '
    + 'process keeps its own root. The output shows what "/" now holds.',
  host: {
    effect: 'pivots PID 1 into container {container}\'s overlay, in a mount namespace of its own',
    untrusted: 'allowed',
  },
  performs: [syscall('pivot_root'), syscall('unshare', 'CLONE_NEWNS unshare(2)'), syscall('umount2', 'MNT_DETACH umount2(2)')],
  needs: ['container init', 'overlay {container}'],
  provides: ['container root'],
  run: async (ctx, { container }) => {
    const pid = requireInitWaiting(ctx);
    const { merged } = requireContainer(ctx, container);
    const reply = await callRootProcess(ctx, 'init', { op: 'pivot', newRoot: merged, putOld: join(merged, PUT_OLD) });
    containerByHand(ctx)!.merged = merged;
    return outcome(reply.log, [`PID 1 (host PID ${pid}) now has ${merged} as "/", in a mount namespace of its own`, ...reply.output], reply.output);
  },
});
