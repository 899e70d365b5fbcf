// fork-hog: a fork loop up to pids.max; the step reads pids.events and keeps the loop's output for the checks.
import { describe, expect, it } from 'vitest';
import { forkHog } from '../../../src/actions/forkHog.js';
import { lastHog } from '../../../src/actions/cgroupState.js';
import { programs } from '../../../src/sys/paths.js';
import { cgroupLab, fakeHost, hogArgv } from '../cgroup/fakeHost.js';
import { V2 } from '../observe/fixtures.js';

const LEAF = '/sys/fs/cgroup/container-lab-fixture/container';
const STDOUT = 'fork loop, PID 2 inside: starting up to 64 sleepers\nfork #1: PID 3\nfork #15: -1 EAGAIN (Resource temporarily unavailable)\n14 forks succeeded, then EAGAIN; all reaped\n';

function host(max: number) {
  const sys = fakeHost(V2);
  sys.files.set(`${LEAF}/pids.max`, `${max}\n`);
  sys.files.set(`${LEAF}/cgroup.procs`, '5120\n');
  return sys;
}

describe('fork-hog', () => {
  it('v2: runs the loop in the container; pids.events max counts the refused fork', async () => {
    const sys = host(32);
    const ctx = cgroupLab(sys, 'fixture', 5120);
    ctx.builder.reply('run', () => {
      sys.files.set(`${LEAF}/pids.events`, 'max 1\n');
      return { status: 0, signal: null, stdout: STDOUT, stderr: '', pid: 7004 };
    });
    const result = await forkHog.run(ctx, { count: 64 });
    expect(ctx.builder.requests).toEqual([{ method: 'run', params: { command: hogArgv(programs.hogs.forks, ['64', '600']), timeoutMs: 20000 } }]);
    expect(result.output).toContain('forks refused (pids.events max): 0 → 1');
    expect(result.output.find((l) => l.startsWith('pids.current'))).toMatch(/^pids\.current every 100 ms: 12( 12)+ \(pids\.max 32\)$/);
    expect(result.stdout).toContain('fork #15: -1 EAGAIN (Resource temporarily unavailable)');
    expect(lastHog(ctx)).toMatchObject({ kind: 'forks', pid: 7004, status: 0 });
    expect(sys.calls.filter((c) => c.via === 'kill')).toEqual([]);
  });

  it('refuses when the loop\'s own threads would not fit under pids.max, with the max to ask for', async () => {
    const ctx = cgroupLab(host(16), 'fixture', 5120);
    await expect(forkHog.run(ctx, { count: 64 })).rejects.toMatchObject({ message: expect.stringMatching(/pids.current is 12 of pids.max 16/), hint: expect.stringMatching(/at least 21/) });
    expect(ctx.builder.requests).toEqual([]);
  });

  it('refuses without a pids limit', async () => {
    const ctx = cgroupLab(fakeHost(V2), 'fixture', 5120);
    await expect(forkHog.run(ctx, { count: 64 })).rejects.toThrow(/no pids limit/);
  });
});
