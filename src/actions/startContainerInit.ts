// PID 1 of the container by hand: the new PID namespace's first process, which takes requests until it execs.
import type { Action } from './context.js';
import { outcome } from './builderCall.js';
import { startRootProcess } from './rootProcess.js';
import { LabError } from '../errors.js';

export const startContainerInit: Action = async (ctx) => {
  if (ctx.initPid !== null) throw new LabError(`PID 1 is already running (host PID ${ctx.initPid})`);
  const started = await startRootProcess(ctx, 'init');
  ctx.container = { execed: false };
  return outcome(started.log, [`PID 1: host PID ${started.pid}, still in the host's root, waiting for the next steps`]);
};
