// Starts the container's first process. After unshare(CLONE_NEWPID) it is PID 1 inside.
import { readFileSync } from 'node:fs';
import type { Action } from './context.js';
import { builderCall, outcome } from './builderCall.js';
import { waitFor } from './waitFor.js';
import type { SyscallEntry } from '../types.js';

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

export const startInit: Action = async (ctx) => {
  const { log, pid } = await builderCall<{ log: SyscallEntry[]; pid: number }>(ctx, 'startInit');
  ctx.initPid = pid;
  // init.js sets PR_SET_PDEATHSIG, then execs sleep as "container-lab-init": wait for the exec.
  await waitFor(() => cmdline(pid).startsWith('container-lab-init'), 5000, `PID 1 (host PID ${pid}) to exec`);
  return outcome(log, [`PID 1 started: host PID ${pid}`]);
};
