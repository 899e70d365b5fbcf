// Sets the container's CPU quota: cpu.max on cgroup v2, cpu.cfs_quota_us and cpu.cfs_period_us on v1.
import * as z from 'zod';
import { defineAction, kernelFile, outcome } from '../steps/define.js';
import { labCgroup } from './cgroupState.js';

export const setCpuQuota = defineAction({
  name: 'set-cpu-quota',
  params: z.strictObject({ quotaUs: z.number().int().min(1000), periodUs: z.number().int().min(1000).max(1000000).default(100000) }),
  doc: 'The helper (root, on the host) gives the container\'s cgroup a CPU bandwidth limit: "<quotaUs> <periodUs>" '
    + 'in cpu.max on cgroup v2 (after +cpu in the lab\'s own parent cgroup.subtree_control if the leaf lacks the cpu '
    + 'controller), cpu.cfs_period_us then cpu.cfs_quota_us on v1. From then on the scheduler lets the cgroup\'s '
    + 'tasks run for at most quotaUs of CPU time in every periodUs and throttles them for the rest of the period. '
    + 'The output names this host\'s files and the share of one CPU that makes.',
  host: {
    effect: 'writes the CPU quota {quotaUs} µs per {periodUs} µs into the lab\'s cgroup (cpu.max, or cpu.cfs_*)',
    untrusted: 'allowed',
  },
  performs: [kernelFile('cpu.max', 'cgroups(7)'), kernelFile('cpu.cfs_quota_us', 'cgroups(7)')],
  needs: ['lab cgroup'],
  run: async (ctx, { quotaUs, periodUs }) => {
    const cgroup = labCgroup(ctx);
    for (const { path, value } of cgroup.cpuQuotaWrites(quotaUs, periodUs)) ctx.sys.writeFile(path, value);
    const files = cgroup.version === 'v2' ? 'cpu.max' : 'cpu.cfs_quota_us and cpu.cfs_period_us';
    return outcome(ctx.sys.drain(), [
      `this host (cgroup ${cgroup.version}) uses ${files}, in ${cgroup.dir('cpu')}`,
      `${quotaUs / 1000} ms of CPU time every ${periodUs / 1000} ms: ${((quotaUs / periodUs) * 100).toFixed(0)}% of one CPU`,
    ]);
  },
});
