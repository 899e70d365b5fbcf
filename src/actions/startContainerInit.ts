// PID 1 of the container by hand: the new PID namespace's first process, which takes requests until it execs.
// The container process starts src/programs/changeRoot.ts with role init as its first child after unshare(CLONE_NEWPID).
import * as z from 'zod';
import { defineAction, syscall, outcome } from '../steps/define.js';
import { startRootProcess } from './rootProcess.js';
import { containerSlot } from './containerInit.js';
import { LabError } from '../errors.js';

export const startContainerInit = defineAction({
  name: 'start-container-init',
  params: z.strictObject({}),
  doc: 'The container process starts a root changer (src/programs/changeRoot.ts, role init) as its child: the first '
    + 'process of the new PID namespace, so it is PID 1 inside (pid_namespaces(7)) and is born in the container '
    + 'process\'s cgroup and other namespaces. It still has the host\'s root and waits on its stdin for the next '
    + 'steps\' requests (mount-proc-in-init, pivot-init, exec-init). The learner sees its host PID; the host\'s /proc '
    + 'shows it with NSpid ending in 1.',
  host: {
    effect: 'starts the container\'s PID 1 (the lab\'s root changer, as root) in the container\'s namespaces',
    untrusted: 'allowed',
  },
  performs: [syscall('clone', 'pid_namespaces(7)')],
  needs: ['own pid namespace'],
  provides: ['PID 1', 'container init', 'init process'],
  run: async (ctx) => {
    if (ctx.initPid !== null) throw new LabError(`PID 1 is already running (host PID ${ctx.initPid})`);
    const started = await startRootProcess(ctx, 'init');
    ctx.slots.use(containerSlot);
    return outcome(started.log, [`PID 1: host PID ${started.pid}, still in the host's root, waiting for the next steps`]);
  },
});
