// Mounts a fresh proc on /proc of the pivoted root, by the pivoted process: it is inside the PID namespace.
import { z } from 'zod';
import { defineAction, syscall, outcome } from '../steps/define.js';
import { callRootProcess, rootPid } from './rootProcess.js';

export const mountProcInRoot = defineAction({
  name: 'mount-proc-in-root',
  params: z.strictObject({}),
  doc: 'mount a fresh proc on the pivoted root\'s /proc, from the pivoted process (inside the PID namespace)',
  performs: [syscall('mount', 'proc(5)')],
  needs: ['pivot process'],
  run: async (ctx) => {
    const pid = rootPid(ctx, 'pivot');
    const reply = await callRootProcess(ctx, 'pivot', { op: 'mountProc' });
    return outcome(reply.log, [`proc mounted on /proc by host PID ${pid}, in its own mount namespace`]);
  },
});
