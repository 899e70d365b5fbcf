// PID 1 mounts a fresh proc on its /proc: it is inside the PID namespace, so proc shows only the container.
import type { Action } from './context.js';
import { outcome } from './builderCall.js';
import { callRootProcess } from './rootProcess.js';
import { requireInitWaiting, requirePivotedInit } from './containerInit.js';

export const mountProcInInit: Action = async (ctx) => {
  requireInitWaiting(ctx);
  const pid = requirePivotedInit(ctx);
  const reply = await callRootProcess(ctx, 'init', { op: 'mountProc' });
  return outcome(reply.log, [`proc mounted on /proc by PID 1 (host PID ${pid})`]);
};
