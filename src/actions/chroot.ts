// chroot(2): a process inside the container makes the rootfs its root directory and looks around.
import type { Action } from './context.js';
import { outcome } from './builderCall.js';
import { startRootProcess, callRootProcess, rootfsDir } from './rootProcess.js';

export const chroot: Action = async (ctx) => {
  const started = await startRootProcess(ctx, 'chroot');
  const reply = await callRootProcess(ctx, 'chroot', { op: 'chroot', path: rootfsDir(ctx.session.dir) }, started.log);
  ctx.lastOutput = reply.output;
  return outcome(reply.log, [`chroot process: host PID ${started.pid}`, ...reply.output]);
};
