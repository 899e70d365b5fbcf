// Mounts a fresh proc on /proc of the pivoted root, by the pivoted process: it is inside the PID namespace.
// Request to src/programs/changeRoot.ts: { op: 'mountProc' } → mount("proc", "/proc", "proc", MS_NOSUID|MS_NODEV|MS_NOEXEC).
import { z } from 'zod';
import { defineAction, syscall, outcome } from '../steps/define.js';
import { callRootProcess, rootPid } from './rootProcess.js';

export const mountProcInRoot = defineAction({
  name: 'mount-proc-in-root',
  params: z.strictObject({}),
  doc: 'The pivot_root process mounts a new proc filesystem on /proc of its new root (mount(2), nosuid, nodev, '
    + 'noexec), in its own mount namespace. A proc mount shows the PID namespace of the process that mounts it '
    + '(proc(5)), and this process was started inside the container\'s PID namespace: the image\'s empty /proc now '
    + 'lists only the container\'s processes, PID 1 first.',
  host: {
    effect: 'mounts a new proc on /proc of the pivot process\'s root, in its own mount namespace',
    untrusted: 'allowed',
  },
  performs: [syscall('mount', 'proc(5)')],
  needs: ['pivot process'],
  run: async (ctx) => {
    const pid = rootPid(ctx, 'pivot');
    const reply = await callRootProcess(ctx, 'pivot', { op: 'mountProc' });
    return outcome(reply.log, [`proc mounted on /proc by host PID ${pid}, in its own mount namespace`]);
  },
});
