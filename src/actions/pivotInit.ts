// PID 1 takes a mount namespace of its own and pivot_root(2)s into the container's merged overlay directory.
import { join } from 'node:path';
import type { Action } from './context.js';
import { outcome } from './builderCall.js';
import { callRootProcess } from './rootProcess.js';
import { requireContainer } from './layersState.js';
import { requireInitWaiting } from './containerInit.js';
import { PUT_OLD } from './pivotRoot.js';

export const pivotInit: Action<{ container: string }> = async (ctx, { container }) => {
  const pid = requireInitWaiting(ctx);
  const { merged } = requireContainer(ctx, container);
  const reply = await callRootProcess(ctx, 'init', { op: 'pivot', newRoot: merged, putOld: join(merged, PUT_OLD) });
  ctx.container!.merged = merged;
  ctx.lastOutput = reply.output;
  return outcome(reply.log, [`PID 1 (host PID ${pid}) now has ${merged} as "/", in a mount namespace of its own`, ...reply.output]);
};
