// pivot_root(2): a process in a mount namespace of its own makes the rootfs "/" and detaches the old root.
import { join } from 'node:path';
import type { Action } from './context.js';
import { outcome } from './builderCall.js';
import { startRootProcess, callRootProcess, rootfsDir } from './rootProcess.js';

export const PUT_OLD = '.old_root';

export const pivotRoot: Action = async (ctx) => {
  const rootfs = rootfsDir(ctx.session.dir);
  const started = await startRootProcess(ctx, 'pivot');
  const reply = await callRootProcess(ctx, 'pivot', { op: 'pivot', newRoot: rootfs, putOld: join(rootfs, PUT_OLD) }, started.log);
  ctx.lastOutput = reply.output;
  return outcome(reply.log, [`pivot_root process: host PID ${started.pid}, in a mount namespace of its own`, ...reply.output]);
};
