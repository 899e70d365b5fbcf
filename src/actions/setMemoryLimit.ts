// Sets the container's memory limit: memory.max on cgroup v2, memory.limit_in_bytes on v1.
import { z } from 'zod';
import { defineAction, kernelFile, outcome } from '../steps/define.js';
import { size } from '../steps/params.js';
import { labCgroup } from './hog.js';
import { mib, parseSize } from '../cgroup/size.js';
import { syscallLog } from '../../native/syscallLog.js';

export const setMemoryLimit = defineAction({
  name: 'set-memory-limit',
  params: z.strictObject({ limit: size }),
  doc: 'the container\'s memory limit: memory.max (v2) or memory.limit_in_bytes (v1), swap included',
  performs: [kernelFile('memory.max', 'cgroups(7)')],
  needs: ['lab cgroup'],
  run: async (ctx, { limit }) => {
    const cgroup = labCgroup(ctx);
    const bytes = parseSize(limit);
    cgroup.setMemoryLimit(bytes);
    const now = cgroup.memory();
    const file = cgroup.version === 'v2' ? 'memory.max' : 'memory.limit_in_bytes';
    return outcome(syscallLog.drain(), [
      `this host (cgroup ${cgroup.version}) names the limit ${file}: ${bytes} bytes = ${mib(bytes)}, in ${cgroup.dir('memory')}`,
      `usage now ${mib(now.usage)}: pages the container process touched before it moved in stay charged to its old cgroup`,
    ]);
  },
});
