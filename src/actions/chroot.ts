// chroot(2): a process inside the container makes the rootfs its root directory and looks around.
import { z } from 'zod';
import { defineAction, syscall, outcome } from '../steps/define.js';
import { startRootProcess, callRootProcess, rootfsDir } from './rootProcess.js';

export const chroot = defineAction({
  name: 'chroot',
  params: z.strictObject({}),
  doc: 'start a process inside the container that chroot(2)s into the rootfs',
  performs: [syscall('chroot')],
  needs: ['rootfs'],
  provides: ['chroot process'],
  run: async (ctx) => {
    const started = await startRootProcess(ctx, 'chroot');
    const reply = await callRootProcess(ctx, 'chroot', { op: 'chroot', path: rootfsDir(ctx.session.dir) }, started.log);
    ctx.lastOutput = reply.output;
    return outcome(reply.log, [`chroot process: host PID ${started.pid}`, ...reply.output]);
  },
});
