// Starts the container's first process. After unshare(CLONE_NEWPID) it is PID 1 inside.
import { z } from 'zod';
import { defineAction, syscall, outcome } from '../steps/define.js';
import { readFileSync } from 'node:fs';
import { builderCall } from './builderCall.js';
import { waitFor } from './waitFor.js';
import type { SyscallEntry } from '../types.js';

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

export const startInit = defineAction({
  name: 'start-init',
  params: z.strictObject({}),
  doc: 'start the container\'s first process: PID 1 of the new PID namespace',
  performs: [syscall('clone', 'pid_namespaces(7)'), syscall('prctl', 'PR_SET_PDEATHSIG prctl(2)')],
  needs: ['own pid namespace'],
  provides: ['PID 1'],
  run: async (ctx) => {
    const { log, pid } = await builderCall<{ log: SyscallEntry[]; pid: number }>(ctx, 'startInit');
    ctx.initPid = pid;
    // init.js sets PR_SET_PDEATHSIG, then execs sleep as "container-lab-init": wait for the exec.
    await waitFor(() => cmdline(pid).startsWith('container-lab-init'), 5000, `PID 1 (host PID ${pid}) to exec`);
    return outcome(log, [`PID 1 started: host PID ${pid}`]);
  },
});
