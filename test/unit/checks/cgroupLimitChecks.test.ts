// The cgroup limit checks decide from /proc/<pid>/cgroup and the cgroup files, under v2 and v1 names, on the fake.
import { describe, expect, it } from 'vitest';
import {
  inLabCgroup, memoryLimitIs, oomKills, hogSignal, memoryPeakWithinLimit, cpuQuotaIs, cpuThrottled, cpuShare, pidsMaxIs, forkRefused, pidsWithinLimit,
} from '../../../src/checks/cgroupLimitChecks.js';
import { recordHog } from '../../../src/actions/cgroupState.js';
import { cgroupLab, fakeHost } from '../cgroup/fakeHost.js';
import { HYBRID, V2 } from '../observe/fixtures.js';
import type { HogRun } from '../../../src/cgroup/types.js';

const LEAF = '/sys/fs/cgroup/container-lab-fixture/container';
const MEM = '/sys/fs/cgroup/memory/container-lab-fixture';
const CPU = '/sys/fs/cgroup/cpu/container-lab-fixture';
const MiB = 1024 * 1024;

/** The hand-written v2 host, the container process (5120) in the lab's leaf: every limit "max". */
function v2() {
  const sys = fakeHost(V2);
  sys.files.set('/proc/5120/cgroup', '0::/container-lab-fixture/container\n');
  const ctx = cgroupLab(sys, 'fixture', 5120);
  return { sys, ctx, set: (name: string, text: string) => sys.files.set(`${LEAF}/${name}`, text) };
}

/** The captured hybrid host, driven as v1: the container process is 6771; 64 MiB, 50 ms per 100 ms, 32 pids. */
function v1() {
  const sys = fakeHost(HYBRID);
  return { sys, ctx: cgroupLab(sys, 'fixture', 6771) };
}

const hog = (over: Partial<HogRun>): HogRun => ({ kind: 'memory', pid: 7001, status: null, signal: 'SIGKILL', startedAt: 0, endedAt: 2000, samples: [], cpuBeforeUs: 0, stdout: [], ...over });

describe('in-lab-cgroup', () => {
  it('v2: the one directory named in /proc/<pid>/cgroup is the lab\'s and lists the PID', () => {
    expect(inLabCgroup.run(v2().ctx, {})).toEqual({ ok: true, detail: 'host PIDs 5120 are in cgroup.procs; /proc/5120/cgroup: 0::/container-lab-fixture/container' });
  });

  it('v1: each hierarchy, for the container process and PID 1', () => {
    const { ctx } = v1();
    ctx.initPid = 6766;
    expect(inLabCgroup.run(ctx, {})).toEqual({ ok: true, detail: 'host PIDs 6771, 6766 are in cgroup.procs of the memory, cpu, pids hierarchies; /proc/6771/cgroup: 4:memory:/container-lab-fixture' });
  });

  it('fails for a process outside the lab\'s cgroups, or one its cgroup.procs does not list', () => {
    const { sys, ctx, set } = v2();
    set('cgroup.procs', '5131\n');
    expect(inLabCgroup.run(ctx, {})).toEqual({ ok: false, detail: `${LEAF}/cgroup.procs does not list 5120` });
    sys.files.set('/proc/5120/cgroup', '0::/user.slice/user-1000.slice/session-3.scope\n');
    expect(inLabCgroup.run(ctx, {}).detail).toMatch(/not a lab cgroup/);
  });
});

describe('memory-limit-is', () => {
  it('v2: memory.max in bytes, and no swap on top', () => {
    const { ctx, set } = v2();
    set('memory.max', `${32 * MiB}\n`);
    set('memory.swap.max', '0\n');
    expect(memoryLimitIs.run(ctx, { limit: '32m' })).toEqual({ ok: true, detail: `memory.max = ${32 * MiB}, memory.swap.max = 0` });
    set('memory.swap.max', 'max\n');
    expect(memoryLimitIs.run(ctx, { limit: '32m' })).toEqual({ ok: false, detail: 'memory.swap.max is max, expected 0' });
    expect(memoryLimitIs.run(ctx, { limit: '64m' }).ok).toBe(false);
  });

  it('v1: memory.limit_in_bytes (no memsw file without swap accounting)', () => {
    const { ctx } = v1();
    expect(memoryLimitIs.run(ctx, { limit: '64m' })).toEqual({ ok: true, detail: `memory.limit_in_bytes = ${64 * MiB}` });
    expect(memoryLimitIs.run(ctx, { limit: '32m' })).toEqual({ ok: false, detail: `memory.limit_in_bytes is ${64 * MiB}, expected ${32 * MiB}` });
  });
});

describe('oom-kills', () => {
  it('v2: memory.events oom_kill', () => {
    const { ctx, set } = v2();
    expect(oomKills.run(ctx, { atLeast: 1 })).toEqual({ ok: false, detail: 'memory.events: oom_kill 0, expected at least 1' });
    set('memory.events', 'low 0\nhigh 0\nmax 12\noom 1\noom_kill 1\noom_group_kill 0\n');
    expect(oomKills.run(ctx, { atLeast: 1 })).toEqual({ ok: true, detail: 'memory.events: oom_kill 1' });
  });

  it('v1: memory.oom_control oom_kill', () => {
    const { sys, ctx } = v1();
    expect(oomKills.run(ctx, { atLeast: 1 }).ok).toBe(false);
    sys.files.set(`${MEM}/memory.oom_control`, 'oom_kill_disable 0\nunder_oom 0\noom_kill 2\n');
    expect(oomKills.run(ctx, { atLeast: 1 })).toEqual({ ok: true, detail: 'memory.oom_control: oom_kill 2' });
  });
});

describe('hog-signal', () => {
  it('passes when the last hog died of the signal and is gone (or a zombie)', () => {
    const { sys, ctx } = v2();
    recordHog(ctx, hog({}));
    expect(hogSignal.run(ctx, { signal: 'SIGKILL' })).toEqual({ ok: true, detail: 'host PID 7001 was killed by SIGKILL (wait status) and is gone' });
    sys.files.set('/proc/7001/status', 'Name:\tnode\nState:\tZ (zombie)\n');
    expect(hogSignal.run(ctx, { signal: 'SIGKILL' }).ok).toBe(true);
  });

  it('fails with no hog, another ending, or a hog still running', () => {
    const { sys, ctx } = v2();
    expect(hogSignal.run(ctx, { signal: 'SIGKILL' })).toEqual({ ok: false, detail: 'no hog has run in this container' });
    recordHog(ctx, hog({ signal: null, status: 3 }));
    expect(hogSignal.run(ctx, { signal: 'SIGKILL' })).toEqual({ ok: false, detail: 'the hog (host PID 7001) ended with exit status 3, not SIGKILL' });
    recordHog(ctx, hog({}));
    sys.files.set('/proc/7001/status', 'Name:\tnode\nState:\tR (running)\n');
    expect(hogSignal.run(ctx, { signal: 'SIGKILL' })).toEqual({ ok: false, detail: 'host PID 7001 is still running' });
  });
});

describe('memory-peak-within-limit', () => {
  it('v2: memory.peak up to memory.max, and at least half of it', () => {
    const { ctx, set } = v2();
    set('memory.max', `${32 * MiB}\n`);
    set('memory.peak', `${31 * MiB}\n`);
    expect(memoryPeakWithinLimit.run(ctx, {})).toEqual({ ok: true, detail: 'memory.peak: 31.0 MiB ≤ memory.max 32.0 MiB' });
    set('memory.peak', `${40 * MiB}\n`);
    expect(memoryPeakWithinLimit.run(ctx, {})).toEqual({ ok: false, detail: `memory.peak: ${40 * MiB} > memory.max ${32 * MiB}` });
  });

  it('v2 before Linux 5.19 (no memory.peak): the highest sample the hog step took', () => {
    const { sys, ctx, set } = v2();
    set('memory.max', `${32 * MiB}\n`);
    sys.files.delete(`${LEAF}/memory.peak`);
    recordHog(ctx, hog({ samples: [2 * MiB, 30 * MiB, 1 * MiB] }));
    expect(memoryPeakWithinLimit.run(ctx, {}).detail).toBe('the highest memory.current sampled: 30.0 MiB ≤ memory.max 32.0 MiB');
  });

  it('fails with no limit, and for a peak below half of it', () => {
    expect(memoryPeakWithinLimit.run(v2().ctx, {})).toEqual({ ok: false, detail: 'memory.max is max: no limit' });
    // v1: memory.max_usage_in_bytes 2.1 MiB of 64 MiB
    expect(memoryPeakWithinLimit.run(v1().ctx, {})).toEqual({ ok: false, detail: 'memory.max_usage_in_bytes: 2.1 MiB, not even half the 64.0 MiB limit: the hog did not fill it' });
  });
});

describe('cpu-quota-is', () => {
  it('v2: cpu.max as "quota period"', () => {
    const { ctx, set } = v2();
    expect(cpuQuotaIs.run(ctx, { quotaUs: 20000, periodUs: 100000 })).toEqual({ ok: false, detail: 'cpu.max is max 100000, expected 20000 100000' });
    set('cpu.max', '20000 100000\n');
    expect(cpuQuotaIs.run(ctx, { quotaUs: 20000, periodUs: 100000 })).toEqual({ ok: true, detail: 'cpu.max = 20000 100000' });
  });

  it('v1: cpu.cfs_quota_us and cpu.cfs_period_us', () => {
    const { ctx } = v1();
    expect(cpuQuotaIs.run(ctx, { quotaUs: 50000, periodUs: 100000 })).toEqual({ ok: true, detail: 'cpu.cfs_quota_us = 50000, cpu.cfs_period_us = 100000' });
    expect(cpuQuotaIs.run(ctx, { quotaUs: 20000, periodUs: 100000 }).ok).toBe(false);
  });
});

describe('cpu-throttled', () => {
  it('v2: nr_throttled and throttled_usec in cpu.stat', () => {
    const { ctx, set } = v2();
    expect(cpuThrottled.run(ctx, {})).toEqual({ ok: false, detail: 'cpu.stat: nr_throttled 0, throttled_usec 0' });
    set('cpu.stat', 'usage_usec 448211\nnr_periods 20\nnr_throttled 17\nthrottled_usec 1600000\n');
    expect(cpuThrottled.run(ctx, {})).toEqual({ ok: true, detail: 'cpu.stat: nr_throttled 17 of nr_periods 20, throttled_usec 1600000' });
  });

  it('v1: throttled_time (ns)', () => {
    expect(cpuThrottled.run(v1().ctx, {})).toEqual({ ok: true, detail: 'cpu.stat: nr_throttled 1 of nr_periods 3, throttled_time 13150321' });
  });
});

describe('cpu-share', () => {
  it('v2: cpu.stat usage_usec since the loop began, over its wall time', () => {
    const { ctx, set } = v2();
    expect(cpuShare.run(ctx, { min: 10, max: 30 })).toEqual({ ok: false, detail: 'no busy loop has run in this container' });
    recordHog(ctx, hog({ kind: 'cpu', cpuBeforeUs: 48211, startedAt: 1000, endedAt: 3000 }));
    set('cpu.stat', 'usage_usec 448211\nnr_periods 20\nnr_throttled 17\nthrottled_usec 1600000\n');
    expect(cpuShare.run(ctx, { min: 10, max: 30 })).toEqual({ ok: true, detail: '400 ms of CPU in 2000 ms: 20.0% (expected 10–30%)' });
    expect(cpuShare.run(ctx, { min: 25, max: 30 })).toEqual({ ok: false, detail: '400 ms of CPU in 2000 ms: 20.0%, outside 25–30%' });
  });

  it('v1: cpuacct.usage (ns), in the cpuacct hierarchy', () => {
    const { sys, ctx } = v1();
    sys.files.set('/proc/6771/cgroup', sys.readFile('/proc/6771/cgroup').replace('2:cpuacct:/', '2:cpuacct:/container-lab-fixture'));
    sys.files.set('/sys/fs/cgroup/cpuacct/container-lab-fixture/cpuacct.usage', '1500000000\n');
    recordHog(ctx, hog({ kind: 'cpu', cpuBeforeUs: 1000000, startedAt: 0, endedAt: 2000 }));
    expect(cpuShare.run(ctx, { min: 10, max: 30 })).toEqual({ ok: true, detail: '500 ms of CPU in 2000 ms: 25.0% (expected 10–30%)' });
  });
});

describe('pids-max-is', () => {
  it('pids.max, the same file on v2 and v1', () => {
    const { ctx, set } = v2();
    expect(pidsMaxIs.run(ctx, { max: 24 })).toEqual({ ok: false, detail: 'pids.max is max, expected 24' });
    set('pids.max', '24\n');
    expect(pidsMaxIs.run(ctx, { max: 24 })).toEqual({ ok: true, detail: 'pids.max = 24' });
    expect(pidsMaxIs.run(v1().ctx, { max: 32 })).toEqual({ ok: true, detail: 'pids.max = 32' });
  });
});

describe('fork-refused', () => {
  it('needs a refusal counted in pids.events and the errno in the fork loop\'s output', () => {
    const { ctx, set } = v2();
    expect(forkRefused.run(ctx, { errno: 'EAGAIN' })).toEqual({ ok: false, detail: 'pids.events: max 0: no fork was refused' });
    set('pids.events', 'max 1\n');
    expect(forkRefused.run(ctx, { errno: 'EAGAIN' })).toEqual({ ok: false, detail: 'pids.events: max 1, but the fork loop did not report EAGAIN' });
    recordHog(ctx, hog({ kind: 'forks', signal: null, status: 0, stdout: ['fork #15: -1 EAGAIN (Resource temporarily unavailable) '] }));
    expect(forkRefused.run(ctx, { errno: 'EAGAIN' })).toEqual({ ok: true, detail: 'pids.events: max 1; the loop saw "fork #15: -1 EAGAIN (Resource temporarily unavailable)"' });
  });

  it('v1: pids.events in the pids hierarchy', () => {
    const { sys, ctx } = v1();
    sys.files.set('/sys/fs/cgroup/pids/container-lab-fixture/pids.events', 'max 3\n');
    recordHog(ctx, hog({ kind: 'forks', stdout: ['fork #30: -1 EAGAIN'] }));
    expect(forkRefused.run(ctx, { errno: 'EAGAIN' }).ok).toBe(true);
  });
});

describe('pids-within-limit', () => {
  it('pids.current now and the loop\'s highest sample are at most pids.max', () => {
    const { ctx, set } = v2();
    expect(pidsWithinLimit.run(ctx, {})).toEqual({ ok: false, detail: 'pids.max is max: no limit' });
    set('pids.max', '24\n');
    recordHog(ctx, hog({ kind: 'forks', samples: [12, 24, 12] }));
    expect(pidsWithinLimit.run(ctx, {})).toEqual({ ok: true, detail: 'pids.current 12 now, at most 24 while the loop ran; pids.max 24' });
    recordHog(ctx, hog({ kind: 'forks', samples: [12, 25] }));
    expect(pidsWithinLimit.run(ctx, {})).toEqual({ ok: false, detail: 'pids.current reached 25 > pids.max 24' });
  });

  it('v1: the pids hierarchy\'s files', () => {
    expect(pidsWithinLimit.run(v1().ctx, {})).toEqual({ ok: true, detail: 'pids.current 2 now, at most 2 while the loop ran; pids.max 32' });
  });
});
