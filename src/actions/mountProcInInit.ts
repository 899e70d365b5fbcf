// PID 1 mounts a fresh proc on its /proc: it is inside the PID namespace, so proc shows only the container.
import { z } from 'zod';
import { defineAction, syscall, outcome } from '../steps/define.js';
import { callRootProcess } from './rootProcess.js';
import { requireInitWaiting, requirePivotedInit } from './containerInit.js';

export const mountProcInInit = defineAction({
  name: 'mount-proc-in-init',
  params: z.strictObject({}),
  doc: 'container by hand: PID 1 mounts proc on its /proc',
  performs: [syscall('mount', 'proc(5)')],
  needs: ['container root'],
  run: async (ctx) => {
    requireInitWaiting(ctx);
    const pid = requirePivotedInit(ctx);
    const reply = await callRootProcess(ctx, 'init', { op: 'mountProc' });
    return outcome(reply.log, [`proc mounted on /proc by PID 1 (host PID ${pid})`]);
  },
});
