// The classic chroot escape — mkdir x; chroot("x"); chdir("..") until stuck; chroot(".") — by the chroot or the pivot_root process.
import type { Action } from './context.js';
import { outcome } from './builderCall.js';
import { callRootProcess, rootPid, type RootRole } from './rootProcess.js';

export const escapeRoot: Action<{ process: RootRole; dir: string }> = async (ctx, { process, dir }) => {
  const pid = rootPid(ctx, process);
  const reply = await callRootProcess(ctx, process, { op: 'escape', dir });
  ctx.lastOutput = reply.output;
  return outcome(reply.log, [`${process} process (host PID ${pid}) tried to escape:`, ...reply.output]);
};
