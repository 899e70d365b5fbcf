// The classic chroot escape — mkdir x; chroot("x"); chdir("..") until stuck; chroot(".") — by the chroot or the pivot_root process.
import { z } from 'zod';
import { defineAction, syscall, outcome } from '../steps/define.js';
import { rootProcess } from '../steps/params.js';
import { callRootProcess, rootPid, type RootRole } from './rootProcess.js';

export const escapeRoot = defineAction({
  name: 'escape-root',
  params: z.strictObject({ process: rootProcess, dir: z.string().regex(/^(?!\.\.?$)[A-Za-z0-9._-]+$/).default('x') }),
  doc: 'the classic escape: mkdir <dir>; chroot(<dir>); chdir("..") until stuck; chroot(".")',
  performs: [syscall('chroot'), syscall('chdir')],
  needs: ['{process} process'],
  run: async (ctx, { process, dir }) => {
    const pid = rootPid(ctx, process);
    const reply = await callRootProcess(ctx, process, { op: 'escape', dir });
    ctx.lastOutput = reply.output;
    return outcome(reply.log, [`${process} process (host PID ${pid}) tried to escape:`, ...reply.output]);
  },
});
