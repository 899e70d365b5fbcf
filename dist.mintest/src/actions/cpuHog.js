// Runs a busy loop inside the container under its CPU quota; reports the share it got.
import { z } from 'zod';
import { defineAction, program, outcome } from '../steps/define.js';
import { howItEnded, runHog } from './hog.js';
import { labCgroup } from './cgroupState.js';
import { LabError } from '../errors.js';
export const cpuHog = defineAction({
    name: 'cpu-hog',
    params: z.strictObject({ seconds: z.number().min(0.5).max(10).default(2) }),
    doc: 'The container process forks a busy loop (node running src/programs/hogs/cpu.ts) that inherits its namespaces '
        + 'and cgroup and spins for `seconds` of wall-clock time, printing the CPU time it got every half second. Under '
        + 'the quota the scheduler throttles it: the helper samples cpu.stat nr_throttled every 100 ms, and the output '
        + 'compares the CPU time the cgroup used (cpu.stat usage_usec on v2, cpuacct.usage on v1) with the wall time and '
        + 'the quota. It refuses to start without a CPU quota.',
    host: {
        effect: 'runs the lab\'s busy loop for {seconds} s in the lab\'s cgroup',
        untrusted: 'allowed',
    },
    performs: [program('node (cpu hog)', 'cgroups(7) cpu.stat')],
    needs: ['lab cgroup'],
    run: async (ctx, { seconds }) => {
        const cgroup = labCgroup(ctx);
        const before = cgroup.cpu();
        if (before.quotaUs === null)
            throw new LabError('the container has no CPU quota: the loop would take a whole CPU', 'run the step that sets the CPU quota first');
        const { run, log, stderr } = await runHog(ctx, 'cpu', [Math.round(seconds * 1000)], (d) => d.cpu().throttled, seconds * 1000 + 15000);
        const after = cgroup.cpu();
        const wallMs = run.endedAt - run.startedAt;
        const usedMs = (after.usageUs - run.cpuBeforeUs) / 1000;
        return outcome(log, [
            ...run.stdout,
            ...stderr.map((l) => `stderr: ${l}`),
            howItEnded(run),
            `throttled periods, every 100 ms: ${run.samples.join(' ')}`,
            `cgroup CPU time ${usedMs.toFixed(0)} ms in ${wallMs} ms wall: ${((usedMs / wallMs) * 100).toFixed(1)}% (quota ${((before.quotaUs / before.periodUs) * 100).toFixed(0)}%)`,
            `throttled in ${after.throttled - before.throttled} of ${after.periods - before.periods} periods, for ${((after.throttledUs - before.throttledUs) / 1000).toFixed(0)} ms`,
        ], run.stdout);
    },
});
