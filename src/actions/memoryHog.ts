// Runs a memory hog inside the container until the kernel's OOM killer stops it at the limit.
import { z } from 'zod';
import { defineAction, program, outcome } from '../steps/define.js';
import { size } from '../steps/params.js';
import { howItEnded, labCgroup, runHog } from './hog.js';
import { LabError } from '../errors.js';
import { mib, parseSize } from '../cgroup/size.js';
import { oomKillReport } from '../cgroup/kmsg.js';

export const memoryHog = defineAction({
  name: 'memory-hog',
  params: z.strictObject({ step: size.default('2m'), intervalMs: z.number().int().min(10).max(1000).default(100) }),
  doc: 'a hog inside the container touches memory step by step until the OOM killer stops it',
  performs: [program('node (memory hog)', 'cgroups(7) OOM')],
  needs: ['lab cgroup'],
  run: async (ctx, { step, intervalMs }) => {
    const cgroup = labCgroup(ctx);
    const before = cgroup.memory();
    if (before.limit === null) throw new LabError('the container has no memory limit: the hog would take the host\'s memory', 'run the step that sets the memory limit first');
    const stepBytes = parseSize(step);
    // Bounded: at most 4× the limit, in steps; the builder kills it after 20 s whatever happens.
    const max = 4 * before.limit;
    const { run, log, stderr } = await runHog(ctx, 'memory', [stepBytes, max, intervalMs], (d) => d.memory().usage, 20000);
    const after = cgroup.memory();
    const usageFile = cgroup.version === 'v2' ? 'memory.current' : 'memory.usage_in_bytes';
    const report = run.pid !== null && run.signal === 'SIGKILL' ? oomKillReport(run.pid) : null;
    return outcome(log, [
      ...run.stdout,
      ...stderr.map((l) => `stderr: ${l}`),
      howItEnded(run),
      `${usageFile} every 100 ms (MiB): ${run.samples.map((b) => (b / 1048576).toFixed(1)).join(' ')}`,
      `OOM kills: ${before.oomKills} → ${after.oomKills}; peak ${after.peak === null ? 'not recorded by this kernel' : mib(after.peak)} of the ${mib(before.limit)} limit`,
      ...(report ? [`kernel: ${report}`] : []),
    ]);
  },
});
