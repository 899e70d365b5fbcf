// Sets the most tasks the container may have: pids.max (the same name on cgroup v1 and v2).
import * as z from 'zod';
import { defineAction, kernelFile, outcome, skipped } from '../steps/define.js';
import { cgroupSkip, labCgroup } from './cgroupState.js';

export const setPidsMax = defineAction({
  name: 'set-pids-max',
  params: z.strictObject({ max: z.number().int().min(1).max(4096) }),
  doc: 'The helper (root, on the host) writes max into pids.max of the container\'s cgroup: the same file name on '
    + 'cgroup v1 and v2 (on v2 after +pids in the lab\'s own parent cgroup.subtree_control if the leaf lacks the pids '
    + 'controller). Once the cgroup holds that many tasks, fork(2) and clone(2) in it fail with EAGAIN. The output '
    + 'shows pids.current already: every thread counts, and the container process (Node) has several. Rootless where '
    + 'join-cgroup made no cgroup (nothing delegated), the step is skipped with join-cgroup\'s reason.',
  host: {
    effect: 'writes pids.max {max} into the lab\'s cgroup',
    untrusted: 'allowed',
  },
  performs: [kernelFile('pids.max', 'cgroups(7)')],
  needs: ['lab cgroup'],
  run: async (ctx, { max }) => {
    const skip = cgroupSkip(ctx);
    if (skip) return skipped(skip); // rootless, no cgroup here: nothing to write the limit into
    const cgroup = labCgroup(ctx);
    for (const { path, value } of cgroup.pidsMaxWrites(max)) ctx.sys.writeFile(path, value);
    const { current } = cgroup.pids();
    return outcome(ctx.sys.drain(), [
      `pids.max ${max} (the same name on cgroup v1 and v2), in ${cgroup.dir('pids')}`,
      `pids.current is already ${current}: it counts tasks, and every thread of the container process (Node) is one`,
    ]);
  },
});
