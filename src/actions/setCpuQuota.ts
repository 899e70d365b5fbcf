// Sets the container's CPU quota: cpu.max on cgroup v2, cpu.cfs_quota_us and cpu.cfs_period_us on v1.
import type { Action } from './context.js';
import { outcome } from './builderCall.js';
import { labCgroup } from './hog.js';
import { syscallLog } from '../../native/syscallLog.js';

export const setCpuQuota: Action<{ quotaUs: number; periodUs: number }> = async (ctx, { quotaUs, periodUs }) => {
  const cgroup = labCgroup(ctx);
  cgroup.setCpuQuota(quotaUs, periodUs);
  const files = cgroup.version === 'v2' ? 'cpu.max' : 'cpu.cfs_quota_us and cpu.cfs_period_us';
  return outcome(syscallLog.drain(), [
    `this host (cgroup ${cgroup.version}) uses ${files}, in ${cgroup.dir('cpu')}`,
    `${quotaUs / 1000} ms of CPU time every ${periodUs / 1000} ms: ${((quotaUs / periodUs) * 100).toFixed(0)}% of one CPU`,
  ]);
};
