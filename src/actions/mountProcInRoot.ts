// Mounts a fresh proc on /proc of the pivoted root, by the pivoted process: it is inside the PID namespace.
import type { Action } from './context.js';
import { outcome } from './builderCall.js';
import { callRootProcess, rootPid } from './rootProcess.js';

export const mountProcInRoot: Action = async (ctx) => {
  const pid = rootPid(ctx, 'pivot');
  const reply = await callRootProcess(ctx, 'pivot', { op: 'mountProc' });
  return outcome(reply.log, [`proc mounted on /proc by host PID ${pid}, in its own mount namespace`]);
};
