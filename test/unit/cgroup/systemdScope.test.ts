// The lessons' cgroup steps on the captured systemd v2 host, through the strict fake: a delegated scope, a leaf, limits, checks, removal.
import { describe, expect, it } from 'vitest';
import { joinCgroup } from '../../../src/actions/joinCgroup.js';
import { setMemoryLimit } from '../../../src/actions/setMemoryLimit.js';
import { setCpuQuota } from '../../../src/actions/setCpuQuota.js';
import { setPidsMax } from '../../../src/actions/setPidsMax.js';
import { inLabCgroup, memoryLimitIs, pidsMaxIs, cpuQuotaIs } from '../../../src/checks/cgroupLimitChecks.js';
import { cgroupHierarchies, listLabCgroups, removeCgroupDir } from '../../../src/cgroup/session.js';
import { scopeUnit, startScopeArgv } from '../../../src/cgroup/systemdScope.js';
import { labCgroupFiles } from '../../../src/cgroup/open.js';
import { runHog } from '../../../src/actions/hog.js';
import { LabError } from '../../../src/errors.js';
import { CgroupFs, type CgroupFsOptions } from '../../support/cgroupFs.js';
import { fakeLab, RecordingBuilder } from '../../support/fakeLab.js';

const CG = '/sys/fs/cgroup';
const SCOPE = `${CG}/system.slice/container-lab-s1.scope`;
const LEAF = `${SCOPE}/container`;
const BUILDER = 5120;
const INIT = 5131;

/** Root's helper runs from a shell's sudo in the login session's scope; so do its builder and PID 1. */
function host(o: CgroupFsOptions = {}) {
  const sys = new CgroupFs(undefined, o);
  for (const pid of [BUILDER, INIT]) sys.addProcess(pid, `${CG}/user.slice/user-1000.slice/session-c1.scope`);
  sys.dirs.add(`/proc/${INIT}`);
  const ctx = fakeLab({ sys, builder: new RecordingBuilder(sys, BUILDER), initPid: INIT, session: { id: 's1', dir: '/run/container-lab/session-s1' }, cgroups: cgroupHierarchies('/', sys) });
  return { sys, ctx };
}

/** Paths the lab itself wrote or made (systemd's own writes are not the lab's calls). */
function touched(sys: CgroupFs): string[] {
  return sys.calls.flatMap((c) => (c.via === 'fs' ? [c.path] : []));
}

describe('root on a systemd v2 host: a transient scope with Delegate=yes', () => {
  it('join-cgroup asks systemd for the scope around the container process and PID 1, then moves both into its leaf', async () => {
    const { sys, ctx } = host();
    expect(ctx.cgroups).toMatchObject({ mode: 'v2', systemd: true });
    const result = await joinCgroup.run(ctx, {});
    expect(sys.calls[0]).toEqual({ via: 'program', argv: startScopeArgv(scopeUnit('s1'), [BUILDER, INIT], false) });
    expect(startScopeArgv('u.scope', [1, 2], false)).toEqual(['busctl', 'call', 'org.freedesktop.systemd1', '/org/freedesktop/systemd1',
      'org.freedesktop.systemd1.Manager', 'StartTransientUnit', 'ssa(sv)a(sa(sv))', 'u.scope', 'fail', '5',
      'Description', 's', 'container-lab: the cgroup of one lesson session', 'Slice', 's', 'system.slice', 'Delegate', 'b', 'true',
      'CollectMode', 's', 'inactive-or-failed', 'PIDs', 'au', '2', '1', '2', '0']);
    expect(ctx.cgroupDirs).toEqual([LEAF]);
    expect(touched(sys)).toEqual([LEAF, `${LEAF}/cgroup.procs`, `${LEAF}/cgroup.procs`]);
    expect(sys.cgroupOf(BUILDER)).toBe(LEAF);
    expect(sys.cgroupOf(INIT)).toBe(LEAF);
    expect(sys.readFile(`${SCOPE}/cgroup.procs`)).toBe('');
    expect(result.output).toContain('the lab\'s cgroup is a transient systemd scope with Delegate=yes (PID 1 moved the container process in)');
    expect(result.output).toContain(`  0::/system.slice/container-lab-s1.scope/container`);
    expect(inLabCgroup.run(ctx, {})).toMatchObject({ ok: true });
  });

  it('the limit steps enable each controller in the scope (theirs to manage) and write only in the leaf', async () => {
    const { sys, ctx } = host();
    await joinCgroup.run(ctx, {});
    const before = sys.calls.length;
    await setMemoryLimit.run(ctx, { limit: '32m' });
    await setCpuQuota.run(ctx, { quotaUs: 20000, periodUs: 100000 });
    await setPidsMax.run(ctx, { max: 24 });
    expect(sys.calls.slice(before).map((c) => (c.via === 'fs' ? `${c.path.slice(SCOPE.length)} ${c.data}` : c.via))).toEqual([
      '/cgroup.subtree_control +memory', '/container/memory.max 33554432', '/container/memory.swap.max 0',
      '/cgroup.subtree_control +cpu', '/container/cpu.max 20000 100000',
      '/cgroup.subtree_control +pids', '/container/pids.max 24',
    ]);
    expect(sys.readFile(`${SCOPE}/cgroup.subtree_control`).trim()).toBe('cpu memory pids');
    expect(memoryLimitIs.run(ctx, { limit: '32m' })).toMatchObject({ ok: true });
    expect(cpuQuotaIs.run(ctx, { quotaUs: 20000, periodUs: 100000 })).toMatchObject({ ok: true });
    expect(pidsMaxIs.run(ctx, { max: 24 })).toMatchObject({ ok: true });
    expect(labCgroupFiles('/', BUILDER, sys).map((f) => f.name)).toContain('memory.max');
  });

  it('without swap accounting no memory.swap.max is written (there is none)', async () => {
    const { sys, ctx } = host({ swapAccounting: false });
    await joinCgroup.run(ctx, {});
    const result = await setMemoryLimit.run(ctx, { limit: '32m' });
    expect(touched(sys).filter((p) => p.includes('memory.'))).toEqual([`${LEAF}/memory.max`]);
    expect(result.output[1]).toBe('swap is not accounted here (no memory.swap.max or memory.memsw.limit_in_bytes): only memory is limited');
  });

  it('a controller systemd did not delegate is an error with a hint, and nothing is written above the scope', async () => {
    const { sys, ctx } = host();
    await joinCgroup.run(ctx, {});
    sys.files.set(`${SCOPE}/cgroup.controllers`, 'memory pids\n');
    await expect(setCpuQuota.run(ctx, { quotaUs: 20000, periodUs: 100000 })).rejects.toThrow(/does not pass the cpu controller down/);
    expect(touched(sys).every((p) => p.startsWith(SCOPE))).toBe(true);
  });

  it('removal: the processes by PID, the leaf, then the scope; nothing else in the tree goes', async () => {
    const { sys, ctx } = host();
    await joinCgroup.run(ctx, {});
    const dirsBefore = [...sys.dirs].filter((d) => d.startsWith(CG)).length;
    expect(listLabCgroups(ctx.cgroups, sys)).toEqual([SCOPE]);
    expect(await removeCgroupDir(SCOPE, sys)).toBe(true);
    expect(sys.exists(SCOPE)).toBe(false);
    expect([...sys.dirs].filter((d) => d.startsWith(CG)).length).toBe(dirsBefore - 2);
    expect(sys.calls.filter((c) => c.via === 'kill').map((c) => (c as { pid: number }).pid).sort()).toEqual([BUILDER, INIT]);
  });

  it('without systemd, the lab\'s directory goes under the cgroup2 root', async () => {
    const { sys, ctx } = host({ systemd: false });
    expect(ctx.cgroups.systemd).toBe(false);
    await joinCgroup.run(ctx, {});
    expect(ctx.cgroupDirs).toEqual([`${CG}/container-lab-s1/container`]);
    expect(sys.calls.some((c) => c.via === 'program')).toBe(false);
    await setPidsMax.run(ctx, { max: 24 });
    expect(sys.readFile(`${CG}/container-lab-s1/container/pids.max`)).toBe('24\n');
  });

  it('a systemd that refuses the scope is an error with a hint', async () => {
    const { sys, ctx } = host();
    sys.dirs.add(SCOPE); // a scope of that name exists already
    await expect(joinCgroup.run(ctx, {})).rejects.toBeInstanceOf(LabError);
    await expect(joinCgroup.run(ctx, {})).rejects.toThrow(/systemd did not make the scope container-lab-s1\.scope: Unit container-lab-s1\.scope was already loaded/);
  });

  it('a hog runs in the leaf and whatever it leaves there is killed; no process outside the lab\'s scope is touched', async () => {
    const { sys, ctx } = host();
    await joinCgroup.run(ctx, {});
    await setPidsMax.run(ctx, { max: 24 });
    ctx.builder.reply('run', () => {
      // forked by the container process: born in its cgroup, with a child that outlives it
      sys.addProcess(7400, LEAF);
      sys.addProcess(7401, LEAF);
      sys.alive.delete(7400);
      sys.files.set(`${LEAF}/cgroup.procs`, `${BUILDER}\n${INIT}\n7401\n`);
      return { status: 0, signal: null, stdout: '', stderr: '', pid: 7400 };
    });
    await runHog(ctx, 'forks', [8, 100], (d) => d.pids().current, 5000);
    expect(sys.calls.filter((c) => c.via === 'kill')).toEqual([{ via: 'kill', pid: 7401, signal: 'SIGKILL' }]);
    expect(sys.readFile(`${LEAF}/cgroup.procs`)).toBe(`${BUILDER}\n${INIT}\n`);
    expect(sys.alive.has(233) && sys.cgroupOf(233) === `${CG}/system.slice/vmjob.service`).toBe(true);
  });
});
