// Sets the most tasks the container may have: pids.max (the same name on cgroup v1 and v2).
import { z } from 'zod';
import { defineAction, kernelFile, outcome } from '../steps/define.js';
import { labCgroup } from './hog.js';
import { syscallLog } from '../../native/syscallLog.js';

export const setPidsMax = defineAction({
  name: 'set-pids-max',
  params: z.strictObject({ max: z.number().int().min(1).max(4096) }),
  doc: 'the most tasks (processes and threads) the container may have: pids.max',
  performs: [kernelFile('pids.max', 'cgroups(7)')],
  needs: ['lab cgroup'],
  run: async (ctx, { max }) => {
    const cgroup = labCgroup(ctx);
    cgroup.setPidsMax(max);
    const { current } = cgroup.pids();
    return outcome(syscallLog.drain(), [
      `pids.max ${max} (the same name on cgroup v1 and v2), in ${cgroup.dir('pids')}`,
      `pids.current is already ${current}: it counts tasks, and every thread of the container process (Node) is one`,
    ]);
  },
});
