// runHog: the container process runs the hog, the helper samples the cgroup into the panel, and nothing outlives the step.
import { userNamespaceSlot } from '../../../src/actions/userNamespaceState.js';
import { afterEach, describe, expect, it } from 'vitest';
import { hogProgram, howItEnded, runHog } from '../../../src/actions/hog.js';
import { setProgressSink } from '../../../src/steps/progress.js';
import { programs } from '../../../src/sys/paths.js';
import { cgroupLab, fakeHost, hogArgv } from '../cgroup/fakeHost.js';
import { V2 } from '../observe/fixtures.js';
import type { HogRun } from '../../../src/cgroup/types.js';

const LEAF = '/sys/fs/cgroup/container-lab-fixture/container';

afterEach(() => setProgressSink(() => {}));

describe('runHog', () => {
  it('kills what is left in the cgroup except the container process, PID 1 and the user-namespace process', async () => {
    const sys = fakeHost(V2);
    sys.files.set(`${LEAF}/cgroup.procs`, '5120\n5121\n5122\n5140\n5141\n');
    for (const pid of [5140, 5141]) sys.alive.add(pid);
    const ctx = cgroupLab(sys, 'fixture', 5120);
    ctx.initPid = 5121;
    ctx.slots.use(userNamespaceSlot).process = { pid: 5122, sys };
    ctx.builder.reply('run', () => {
      sys.alive.delete(5141); // exited by itself meanwhile
      return { status: 0, signal: null, stdout: '', stderr: 'warning\n', pid: 5140 };
    });
    const { run, log, stderr } = await runHog(ctx, 'forks', [8, 100], (d) => d.pids().current, 5000);
    expect(sys.calls.filter((c) => c.via === 'kill')).toEqual([
      { via: 'kill', pid: 5140, signal: 'SIGKILL' },
      { via: 'kill', pid: 5141, signal: 'SIGKILL' },
    ]);
    // kill(2) of the one already gone found nothing (ESRCH): only the real kill is in the step's log
    expect(log.map((e) => `${e.call} ${e.args.join(' ')}`)).toEqual(['kill 5140 SIGKILL']);
    expect(stderr).toEqual(['warning']);
    expect(ctx.builder.requests).toEqual([{ method: 'run', params: { command: hogArgv(programs.hogs.forks, ['8', '100']), timeoutMs: 5000 } }]);
    expect(run).toMatchObject({ kind: 'forks', pid: 5140, samples: [12, 12], cpuBeforeUs: 0, stdout: [] });
  });

  it('reports the cgroup\'s files to the panel with each sample', async () => {
    const events: Array<[string, unknown]> = [];
    setProgressSink((event, data) => events.push([event, data]));
    const ctx = cgroupLab(fakeHost(V2), 'fixture', 5120);
    ctx.builder.reply('run', { status: 0, signal: null, stdout: '', stderr: '', pid: 7000 });
    await runHog(ctx, 'memory', [1, 2, 3], (d) => d.memory().usage, 1000);
    expect(events.map(([e]) => e)).toEqual(['cgroup-files', 'cgroup-files']);
    expect((events[0][1] as Array<{ name: string }>).map((f) => f.name)).toContain('memory.max');
  });

  it('reads the CPU time before a busy loop, for the share after it', async () => {
    const ctx = cgroupLab(fakeHost(V2), 'fixture', 5120);
    ctx.builder.reply('run', { status: 0, signal: null, stdout: 'done\n', stderr: '', pid: 7000 });
    const { run } = await runHog(ctx, 'cpu', [500], (d) => d.cpu().throttled, 1000);
    expect(run.cpuBeforeUs).toBe(48211);
    expect(run.stdout).toEqual(['done']);
  });
});

describe('howItEnded / hogProgram', () => {
  const run: HogRun = { kind: 'memory', pid: 7001, status: null, signal: 'SIGKILL', startedAt: 1000, endedAt: 3500, samples: [], cpuBeforeUs: 0, stdout: [] };
  it('says how the hog ended, with its host PID and how long it ran', () => {
    expect(howItEnded(run)).toBe('hog (host PID 7001) killed by SIGKILL after 2.50 s');
    expect(howItEnded({ ...run, signal: null, status: 3 })).toBe('hog (host PID 7001) exited with status 3 after 2.50 s');
  });

  it('runs the built hog program of each kind', () => {
    expect(hogProgram('cpu')).toBe(programs.hogs.cpu);
    expect(hogProgram('forks')).toMatch(/hogs\/forks\.js$/);
  });
});
