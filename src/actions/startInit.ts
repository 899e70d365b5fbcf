// Starts the container's first process. After unshare(CLONE_NEWPID) it is PID 1 inside.
import * as z from 'zod';
import { defineAction, syscall, outcome } from '../steps/define.js';
import { inContainer } from './builderCall.js';
import { waitFor } from './waitFor.js';
import { LabError } from '../errors.js';
import { programs } from '../sys/paths.js';
import type { Sys } from '../sys/types.js';

function cmdline(sys: Sys, pid: number): string {
  try {
    return sys.readFile(`/proc/${pid}/cmdline`).replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

export const startInit = defineAction({
  name: 'start-init',
  params: z.strictObject({}),
  doc: 'The container process starts its first child, detached: node running init.js (src/programs/init.ts), which sets '
    + 'PR_SET_PDEATHSIG (prctl(2)) so that it dies with the container process, then execs `sleep infinity` as '
    + '"container-lab-init". After unshare(CLONE_NEWPID) this first child is PID 1 of the new PID namespace '
    + '(pid_namespaces(7)): the process panel shows it with host PID and PID 1 inside. The step waits for the exec.',
  host: {
    effect: 'starts `sleep infinity` as root, PID 1 of the container\'s PID namespace',
    untrusted: 'allowed',
  },
  performs: [syscall('clone', 'pid_namespaces(7)'), syscall('prctl', 'PR_SET_PDEATHSIG prctl(2)')],
  needs: ['own pid namespace'],
  provides: ['PID 1'],
  inContainer({ sys, state }) {
    if (state.initAlive) throw new LabError(`PID 1 is already running (host PID ${state.initPid})`);
    const args = [String(process.pid), 'sleep', 'container-lab-init', 'infinity'];
    // detached: a session of its own, so Ctrl-C typed in a lab shell never reaches PID 1;
    // fd 3 a socket to this process: init.js exits if it is already closed (the parent died early).
    let child;
    try {
      child = sys.start([process.execPath, programs.init, ...args], { parentPipe: true, detached: true, log: ['node', 'init.js', ...args] });
    } catch {
      throw new LabError('could not start PID 1');
    }
    state.initPid = child.pid;
    state.initAlive = true;
    child.onExit(() => {
      state.initAlive = false;
    });
    return { pid: child.pid };
  },
  run: async (ctx, params) => {
    const { log, pid } = await inContainer<{ pid: number }>(ctx, 'start-init', params);
    ctx.initPid = pid;
    // init.js sets PR_SET_PDEATHSIG, then execs sleep as "container-lab-init": wait for the exec.
    await waitFor(() => cmdline(ctx.sys, pid).startsWith('container-lab-init'), 5000, `PID 1 (host PID ${pid}) to exec`);
    return outcome(log, [`PID 1 started: host PID ${pid}`]);
  },
});
