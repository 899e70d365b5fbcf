// cpu-hog: a busy loop under the quota; the step compares the cgroup's CPU time with the wall time.
import { describe, expect, it } from 'vitest';
import { cpuHog } from '../../../src/actions/cpuHog.js';
import { lastHog } from '../../../src/actions/cgroupState.js';
import { programs } from '../../../src/sys/paths.js';
import { cgroupLab, fakeHost, hogArgv } from '../cgroup/fakeHost.js';
import { HYBRID, V2 } from '../observe/fixtures.js';

const CPU = '/sys/fs/cgroup/cpu/container-lab-fixture';
const CPUACCT = '/sys/fs/cgroup/cpuacct/container-lab-fixture';

describe('cpu-hog', () => {
  it('v1: throttling from cpu.stat, CPU time from cpuacct.usage (ns) in its own hierarchy', async () => {
    const sys = fakeHost(HYBRID);
    sys.files.set(`${CPUACCT}/cpuacct.usage`, '1000000000\n');
    sys.files.set(`${CPUACCT}/cgroup.procs`, '6771\n');
    const ctx = cgroupLab(sys, 'fixture', 6771);
    ctx.builder.reply('run', () => {
      sys.files.set(`${CPU}/cpu.stat`, 'nr_periods 23\nnr_throttled 18\nthrottled_time 1613150321\n');
      sys.files.set(`${CPUACCT}/cpuacct.usage`, '1400000000\n');
      return { status: 0, signal: null, stdout: 'busy loop, PID 2 inside: spinning for 2 s\n+0.5 s wall: 101 ms of CPU (20%)\n', stderr: '', pid: 7003 };
    });
    const result = await cpuHog.run(ctx, { seconds: 2 });
    expect(ctx.builder.requests).toEqual([{ method: 'run', params: { command: hogArgv(programs.hogs.cpu, ['2000']), timeoutMs: 17000 } }]);
    expect(result.output).toContain('throttled in 17 of 20 periods, for 1600 ms');
    expect(result.output.find((l) => l.startsWith('cgroup CPU time'))).toMatch(/^cgroup CPU time 400 ms in \d+ ms wall: .*% \(quota 50%\)$/);
    expect(result.output).toContain('throttled periods, every 100 ms: 1 18');
    expect(result.stdout).toEqual(['busy loop, PID 2 inside: spinning for 2 s', '+0.5 s wall: 101 ms of CPU (20%)']);
    expect(lastHog(ctx)).toMatchObject({ kind: 'cpu', cpuBeforeUs: 1000000, status: 0 });
  });

  it('refuses without a CPU quota: the loop would take a whole CPU', async () => {
    const ctx = cgroupLab(fakeHost(V2), 'fixture', 5120);
    await expect(cpuHog.run(ctx, { seconds: 2 })).rejects.toThrow(/no CPU quota/);
    expect(ctx.builder.requests).toEqual([]);
  });
});
