// PID 1 sets no_new_privs: from now on execve(2) grants no privilege, to it or to anything it starts.
// Request to PID 1 (src/programs/changeRoot.ts): { op: 'noNewPrivs' } → prctl(PR_SET_NO_NEW_PRIVS, 1).
import * as z from 'zod';
import { defineAction, syscall, outcome } from '../steps/define.js';
import { callRootProcess } from './rootProcess.js';
import { requireInitWaiting } from './containerInit.js';

export const noNewPrivs = defineAction({
  name: 'no-new-privs',
  params: z.strictObject({}),
  doc: 'PID 1, still taking requests, calls prctl(2) PR_SET_NO_NEW_PRIVS with 1: execve(2) no longer grants '
    + 'privileges (a set-user-ID or set-group-ID program does not change the IDs, file capabilities are not added), '
    + 'the flag is inherited by children and kept across execve, and can never be unset. It lets an unprivileged '
    + 'process load a seccomp filter. /proc/<PID 1>/status then reads NoNewPrivs: 1. Docker sets it with '
    + '--security-opt no-new-privileges.',
  host: { effect: 'sets no_new_privs on the container\'s PID 1', untrusted: 'allowed' },
  performs: [syscall('prctl', 'PR_SET_NO_NEW_PRIVS prctl(2)')],
  needs: ['container init'],
  run: async (ctx) => {
    requireInitWaiting(ctx);
    const reply = await callRootProcess(ctx, 'init', { op: 'noNewPrivs' });
    return outcome(reply.log, [`no_new_privs set on PID 1 (host PID ${ctx.initPid})`]);
  },
});
