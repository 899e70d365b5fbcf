// PID 1 mounts a fresh proc on its /proc: it is inside the PID namespace, so proc shows only the container.
// Request to PID 1 (src/programs/changeRoot.ts): { op: 'mountProc' } → mount("proc", "/proc", "proc", MS_NOSUID|MS_NODEV|MS_NOEXEC).
import * as z from 'zod';
import { defineAction, syscall, outcome } from '../steps/define.js';
import { callRootProcess } from './rootProcess.js';
import { requireInitWaiting, requirePivotedInit } from './containerInit.js';

export const mountProcInInit = defineAction({
  name: 'mount-proc-in-init',
  params: z.strictObject({}),
  doc: 'PID 1, pivoted into the overlay and not yet exec\'d, mounts a new proc filesystem on /proc (mount(2), nosuid, '
    + 'nodev, noexec) in its own mount namespace. A proc mount shows the PID namespace of the process that mounts it '
    + '(proc(5)): /proc inside the container lists only the container\'s processes, with PID 1 itself. Its mountinfo '
    + 'now holds the overlay as "/" and proc on /proc.',
  host: {
    effect: 'mounts a new proc on /proc of PID 1\'s root, in its own mount namespace',
    untrusted: 'allowed',
  },
  performs: [syscall('mount', 'proc(5)')],
  needs: ['container root'],
  run: async (ctx) => {
    requireInitWaiting(ctx);
    const pid = requirePivotedInit(ctx);
    const reply = await callRootProcess(ctx, 'init', { op: 'mountProc' });
    return outcome(reply.log, [`proc mounted on /proc by PID 1 (host PID ${pid})`]);
  },
});
