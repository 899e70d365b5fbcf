// PID 1 takes a mount namespace of its own and pivot_root(2)s into the container's merged overlay directory.
import { z } from 'zod';
import { defineAction, syscall, outcome } from '../steps/define.js';
import { containerName } from '../steps/params.js';
import { join } from 'node:path';
import { callRootProcess } from './rootProcess.js';
import { requireContainer } from './layersState.js';
import { requireInitWaiting } from './containerInit.js';
import { PUT_OLD } from './pivotRoot.js';

export const pivotInit = defineAction({
  name: 'pivot-init',
  params: z.strictObject({ container: containerName }),
  doc: 'container by hand: PID 1 takes its own mount namespace and pivot_root(2)s into a container\'s merged overlay',
  performs: [syscall('pivot_root'), syscall('unshare', 'CLONE_NEWNS unshare(2)')],
  needs: ['container init', 'overlay {container}'],
  provides: ['container root'],
  run: async (ctx, { container }) => {
    const pid = requireInitWaiting(ctx);
    const { merged } = requireContainer(ctx, container);
    const reply = await callRootProcess(ctx, 'init', { op: 'pivot', newRoot: merged, putOld: join(merged, PUT_OLD) });
    ctx.container!.merged = merged;
    ctx.lastOutput = reply.output;
    return outcome(reply.log, [`PID 1 (host PID ${pid}) now has ${merged} as "/", in a mount namespace of its own`, ...reply.output]);
  },
});
