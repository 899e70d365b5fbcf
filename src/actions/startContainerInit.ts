// PID 1 of the container by hand: the new PID namespace's first process, which takes requests until it execs.
import { z } from 'zod';
import { defineAction, syscall, outcome } from '../steps/define.js';
import { startRootProcess } from './rootProcess.js';
import { LabError } from '../errors.js';

export const startContainerInit = defineAction({
  name: 'start-container-init',
  params: z.strictObject({}),
  doc: 'container by hand: start PID 1 of the new PID namespace, a process that takes the next steps\' requests',
  performs: [syscall('clone', 'pid_namespaces(7)')],
  needs: ['own pid namespace'],
  provides: ['PID 1', 'container init'],
  run: async (ctx) => {
    if (ctx.initPid !== null) throw new LabError(`PID 1 is already running (host PID ${ctx.initPid})`);
    const started = await startRootProcess(ctx, 'init');
    ctx.container = { execed: false };
    return outcome(started.log, [`PID 1: host PID ${started.pid}, still in the host's root, waiting for the next steps`]);
  },
});
