// Sets the container's memory limit: memory.max on cgroup v2, memory.limit_in_bytes on v1.
import type { Action } from './context.js';
import { outcome } from './builderCall.js';
import { labCgroup } from './hog.js';
import { mib, parseSize } from '../cgroup/size.js';
import { syscallLog } from '../../native/syscallLog.js';

export const setMemoryLimit: Action<{ limit: string | number }> = async (ctx, { limit }) => {
  const cgroup = labCgroup(ctx);
  const bytes = parseSize(limit);
  cgroup.setMemoryLimit(bytes);
  const now = cgroup.memory();
  const file = cgroup.version === 'v2' ? 'memory.max' : 'memory.limit_in_bytes';
  return outcome(syscallLog.drain(), [
    `this host (cgroup ${cgroup.version}) names the limit ${file}: ${bytes} bytes = ${mib(bytes)}, in ${cgroup.dir('memory')}`,
    `usage now ${mib(now.usage)}: pages the container process touched before it moved in stay charged to its old cgroup`,
  ]);
};
