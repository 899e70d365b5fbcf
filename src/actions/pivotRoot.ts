// pivot_root(2): a process in a mount namespace of its own makes the rootfs "/" and detaches the old root.
import { z } from 'zod';
import { defineAction, syscall, outcome } from '../steps/define.js';
import { join } from 'node:path';
import { startRootProcess, callRootProcess, rootfsDir } from './rootProcess.js';

export const PUT_OLD = '.old_root';

export const pivotRoot = defineAction({
  name: 'pivot-root',
  params: z.strictObject({}),
  doc: 'start a process that takes a mount namespace of its own, pivot_root(2)s into the rootfs, detaches the old root',
  performs: [syscall('pivot_root'), syscall('umount2')],
  needs: ['rootfs'],
  provides: ['pivot process'],
  run: async (ctx) => {
    const rootfs = rootfsDir(ctx.session.dir);
    const started = await startRootProcess(ctx, 'pivot');
    const reply = await callRootProcess(ctx, 'pivot', { op: 'pivot', newRoot: rootfs, putOld: join(rootfs, PUT_OLD) }, started.log);
    ctx.lastOutput = reply.output;
    return outcome(reply.log, [`pivot_root process: host PID ${started.pid}, in a mount namespace of its own`, ...reply.output]);
  },
});
