// memory-hog: the builder runs the hog under the limit; the step reads the counters, kills what is left, keeps the run.
import { describe, expect, it } from 'vitest';
import { memoryHog } from '../../../src/actions/memoryHog.js';
import { lastHog } from '../../../src/actions/cgroupState.js';
import { programs } from '../../../src/sys/paths.js';
import { cgroupLab, fakeHost, hogArgv } from '../cgroup/fakeHost.js';
import { HYBRID, V2 } from '../observe/fixtures.js';

const LEAF = '/sys/fs/cgroup/container-lab-fixture/container';
const MiB32 = 32 * 1024 * 1024;
const STDOUT = 'memory hog, PID 2 inside: oom_score_adj 1000, touching 2 MiB every 100 ms\n+0.10 s  2 MiB touched\n+0.20 s  4 MiB touched\n';

describe('memory-hog', () => {
  it('v2: the builder forks the hog; the OOM kill shows in memory.events; leftovers get SIGKILL', async () => {
    const sys = fakeHost(V2);
    sys.files.set(`${LEAF}/memory.max`, `${MiB32}\n`);
    sys.alive.add(5131);
    const ctx = cgroupLab(sys, 'fixture', 5120);
    ctx.builder.reply('run', () => {
      // what the kernel counts while the hog runs
      sys.files.set(`${LEAF}/memory.events`, 'low 0\nhigh 0\nmax 310\noom 1\noom_kill 1\noom_group_kill 0\n');
      sys.files.set(`${LEAF}/memory.peak`, `${MiB32}\n`);
      return { status: null, signal: 'SIGKILL', stdout: STDOUT, stderr: '', pid: 7001 };
    });
    const result = await memoryHog.run(ctx, { step: '2m', intervalMs: 100 });
    expect(ctx.builder.requests).toEqual([{ method: 'run', params: { command: hogArgv(programs.hogs.memory, ['2097152', String(4 * MiB32), '100']), timeoutMs: 20000 } }]);
    // 5120 is the container process; 5131 is not the lab's: it goes
    expect(sys.calls.filter((c) => c.via === 'kill')).toEqual([{ via: 'kill', pid: 5131, signal: 'SIGKILL' }]);
    expect(result.log.map((e) => `${e.call} ${e.args.join(' ')}`)).toEqual(['kill 5131 SIGKILL']);
    expect(result.stdout).toEqual(STDOUT.trim().split('\n'));
    expect(result.output).toContain('OOM kills: 0 → 1; peak 32.0 MiB of the 32.0 MiB limit');
    expect(result.output.find((l) => l.startsWith('hog '))).toMatch(/^hog \(host PID 7001\) killed by SIGKILL after \d+\.\d\d s$/);
    expect(result.output).toContain('memory.current every 100 ms (MiB): 1.3 1.3');
    expect(lastHog(ctx)).toMatchObject({ kind: 'memory', pid: 7001, signal: 'SIGKILL', samples: [1327104, 1327104] });
  });

  it('v1: bounded at 4× memory.limit_in_bytes, sampling memory.usage_in_bytes', async () => {
    const sys = fakeHost(HYBRID);
    const ctx = cgroupLab(sys, 'fixture', 6771);
    ctx.builder.reply('run', { status: 3, signal: null, stdout: 'reached 256 MiB without being stopped\n', stderr: '', pid: 7002 });
    const result = await memoryHog.run(ctx, { step: '4m', intervalMs: 50 });
    expect((ctx.builder.requests[0].params as { command: string[] }).command.slice(-3)).toEqual([String(4 << 20), String(4 * 64 * 1024 * 1024), '50']);
    // 6766 (the unshare that started the container) is in the cgroup too, and not the lab's to keep
    expect(sys.calls.filter((c) => c.via === 'kill')).toEqual([{ via: 'kill', pid: 6766, signal: 'SIGKILL' }]);
    expect(result.output.find((l) => l.startsWith('hog '))).toMatch(/^hog \(host PID 7002\) exited with status 3 after /);
    expect(result.output.some((l) => l.startsWith('memory.usage_in_bytes every 100 ms (MiB): 1.6'))).toBe(true);
  });

  it('refuses without a memory limit: the hog would take the host\'s memory', async () => {
    const ctx = cgroupLab(fakeHost(V2), 'fixture', 5120);
    await expect(memoryHog.run(ctx, { step: '2m', intervalMs: 100 })).rejects.toThrow(/no memory limit/);
    expect(ctx.builder.requests).toEqual([]);
  });
});
