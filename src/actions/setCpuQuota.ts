// Sets the container's CPU quota: cpu.max on cgroup v2, cpu.cfs_quota_us and cpu.cfs_period_us on v1.
import { z } from 'zod';
import { defineAction, kernelFile, outcome } from '../steps/define.js';
import { labCgroup } from './hog.js';
import { syscallLog } from '../../native/syscallLog.js';

export const setCpuQuota = defineAction({
  name: 'set-cpu-quota',
  params: z.strictObject({ quotaUs: z.number().int().min(1000), periodUs: z.number().int().min(1000).max(1000000).default(100000) }),
  doc: 'the container\'s CPU quota: cpu.max (v2) or cpu.cfs_quota_us / cpu.cfs_period_us (v1)',
  performs: [kernelFile('cpu.max', 'cgroups(7)')],
  needs: ['lab cgroup'],
  run: async (ctx, { quotaUs, periodUs }) => {
    const cgroup = labCgroup(ctx);
    cgroup.setCpuQuota(quotaUs, periodUs);
    const files = cgroup.version === 'v2' ? 'cpu.max' : 'cpu.cfs_quota_us and cpu.cfs_period_us';
    return outcome(syscallLog.drain(), [
      `this host (cgroup ${cgroup.version}) uses ${files}, in ${cgroup.dir('cpu')}`,
      `${quotaUs / 1000} ms of CPU time every ${periodUs / 1000} ms: ${((quotaUs / periodUs) * 100).toFixed(0)}% of one CPU`,
    ]);
  },
});
