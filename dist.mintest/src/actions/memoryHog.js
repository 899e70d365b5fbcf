// Runs a memory hog inside the container until the kernel's OOM killer stops it at the limit.
import { z } from 'zod';
import { defineAction, program, outcome } from '../steps/define.js';
import { size } from '../steps/params.js';
import { howItEnded, runHog } from './hog.js';
import { labCgroup } from './cgroupState.js';
import { LabError } from '../errors.js';
import { mib, parseSize } from '../cgroup/size.js';
import { oomKillReport } from '../cgroup/kmsg.js';
export const memoryHog = defineAction({
    name: 'memory-hog',
    params: z.strictObject({ step: size.default('2m'), intervalMs: z.number().int().min(10).max(1000).default(100) }),
    doc: 'The container process forks a memory hog (node running src/programs/hogs/memory.ts) which '
        + 'inherits its namespaces and cgroup. The hog sets its own oom_score_adj to 1000 and touches `step` more '
        + 'bytes every intervalMs until, at the cgroup\'s memory limit, the kernel\'s OOM killer ends it with SIGKILL '
        + '(counted in memory.events oom_kill on v2, memory.oom_control on v1). While it runs the helper samples the '
        + 'usage every 100 ms into the cgroup panel; the output shows the climb, how the hog ended and, when /dev/kmsg '
        + 'can be read, the kernel\'s own report of the kill. It refuses to start without a memory limit, and stops by '
        + 'itself at 4× the limit.',
    host: {
        effect: 'runs the lab\'s memory hog in the lab\'s cgroup until the OOM killer ends it (it stops itself at 4× the limit)',
        untrusted: 'allowed',
    },
    performs: [program('node (memory hog)', 'cgroups(7) OOM')],
    needs: ['lab cgroup'],
    run: async (ctx, { step, intervalMs }) => {
        const cgroup = labCgroup(ctx);
        const before = cgroup.memory();
        if (before.limit === null)
            throw new LabError('the container has no memory limit: the hog would take the host\'s memory', 'run the step that sets the memory limit first');
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
        ], run.stdout);
    },
});
