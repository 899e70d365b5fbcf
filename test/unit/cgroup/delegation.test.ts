// Rootless cgroups: whether systemd delegates a v2 subtree to the user, and the cgroups lesson's steps inside it.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { rootlessCgroupDelegation } from '../../../src/cgroup/delegation.js';
import { joinCgroup } from '../../../src/actions/joinCgroup.js';
import { setMemoryLimit } from '../../../src/actions/setMemoryLimit.js';
import { setCpuQuota } from '../../../src/actions/setCpuQuota.js';
import { setPidsMax } from '../../../src/actions/setPidsMax.js';
import { inLabCgroup, pidsMaxIs } from '../../../src/checks/cgroupLimitChecks.js';
import { cgroupHierarchies, removeCgroupDir } from '../../../src/cgroup/session.js';
import { startScopeArgv } from '../../../src/cgroup/systemdScope.js';
import { CgroupFs } from '../../support/cgroupFs.js';
import { fakeLab, RecordingBuilder } from '../../support/fakeLab.js';
import { fakeHost } from './fakeHost.js';
import { HYBRID } from '../observe/fixtures.js';

const CG = '/sys/fs/cgroup';
const USER = `${CG}/user.slice/user-1000.slice/user@1000.service`;
const SCOPE = `${USER}/app.slice/container-lab-r1.scope`;
const BUILDER = 6100;

/** uid 1000 on the captured host, this process in the login session's scope (or, with scope, a systemd-run --user scope). */
function userHost(where: 'cgroup' | 'cgroup-scope' = 'cgroup', bus = true) {
  const sys = new CgroupFs(undefined, { uid: 1000 });
  sys.files.set('/proc/self/cgroup', sys.readFile(`/proc/user-shell/${where}`));
  if (bus) sys.files.set('/run/user/1000/bus', '');
  return sys;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('rootlessCgroupDelegation', () => {
  it('finds user@1000.service from a login session\'s scope and from a scope below the user manager', () => {
    for (const where of ['cgroup', 'cgroup-scope'] as const) {
      expect(rootlessCgroupDelegation('/', 1000, userHost(where))).toEqual({ ok: true, dir: USER, controllers: ['cpu', 'memory', 'pids'] });
    }
  });

  it('says why not: v1 hybrid (this build host), no user bus, files not the user\'s, too few controllers', () => {
    const hybrid = rootlessCgroupDelegation('/', 1000, fakeHost(HYBRID));
    expect(hybrid).toMatchObject({ ok: false, reason: expect.stringMatching(/cgroup hybrid/) });
    expect(rootlessCgroupDelegation('/', 1000, userHost('cgroup', false))).toMatchObject({ ok: false, reason: expect.stringMatching(/no D-Bus socket/), fix: expect.stringMatching(/dbus-user-session/) });
    const root = userHost();
    root.owners.set(`${USER}/cgroup.subtree_control`, 0);
    expect(rootlessCgroupDelegation('/', 1000, root)).toMatchObject({ ok: false, reason: 'user@1000.service/cgroup.subtree_control is not yours (uid 0): systemd does not delegate it' });
    const few = userHost();
    few.files.set(`${USER}/cgroup.controllers`, 'memory pids\n');
    expect(rootlessCgroupDelegation('/', 1000, few)).toMatchObject({ ok: false, fix: expect.stringMatching(/Delegate=cpu memory pids/) });
    expect(rootlessCgroupDelegation('/', 1001, userHost())).toMatchObject({ ok: false, reason: expect.stringMatching(/outside user-1001\.slice/) });
    const noSystemd = new CgroupFs(undefined, { uid: 1000, systemd: false });
    expect(rootlessCgroupDelegation('/', 1000, noSystemd)).toMatchObject({ ok: false, reason: expect.stringMatching(/systemd is not the init system/) });
  });
});

describe('the cgroups lesson rootless, in the user manager\'s delegated subtree', () => {
  function lab() {
    vi.spyOn(process, 'getuid').mockReturnValue(1000);
    const sys = userHost();
    sys.addProcess(BUILDER, `${CG}/user.slice/user-1000.slice/session-c1.scope`);
    const ctx = fakeLab({ sys, rootless: true, builder: new RecordingBuilder(sys, BUILDER), session: { id: 'r1', dir: '/run/user/1000/container-lab-1000/session-r1' }, cgroups: cgroupHierarchies('/', sys) });
    return { sys, ctx };
  }

  it('join-cgroup asks the user manager for a scope in app.slice; the limits go in its leaf as uid 1000', async () => {
    const { sys, ctx } = lab();
    const result = await joinCgroup.run(ctx, {});
    expect(sys.calls[0]).toEqual({ via: 'program', argv: startScopeArgv('container-lab-r1.scope', [BUILDER], true) });
    expect(startScopeArgv('x.scope', [1], true).slice(0, 3)).toEqual(['busctl', '--user', 'call']);
    expect(ctx.cgroupDirs).toEqual([`${SCOPE}/container`]);
    expect(sys.cgroupOf(BUILDER)).toBe(`${SCOPE}/container`);
    expect(result.output).toContain('the lab\'s cgroup is a transient systemd scope with Delegate=yes (your user manager moved the container process in)');
    await setMemoryLimit.run(ctx, { limit: '32m' });
    await setCpuQuota.run(ctx, { quotaUs: 20000, periodUs: 100000 });
    await setPidsMax.run(ctx, { max: 24 });
    expect(sys.readFile(`${SCOPE}/container/memory.max`)).toBe('33554432\n');
    expect(sys.readFile(`${SCOPE}/container/cpu.max`)).toBe('20000 100000\n');
    expect(inLabCgroup.run(ctx, {})).toMatchObject({ ok: true });
    expect(pidsMaxIs.run(ctx, { max: 24 })).toMatchObject({ ok: true });
    expect(sys.calls.flatMap((c) => (c.via === 'fs' ? [c.path] : [])).every((p) => p.startsWith(SCOPE + '/'))).toBe(true);
    expect(await removeCgroupDir(SCOPE, sys)).toBe(true);
    expect(sys.exists(SCOPE)).toBe(false);
  });

  it('where nothing is delegated, it makes nothing: the step, the limits and the checks on the cgroup are skipped, saying why', async () => {
    const { sys, ctx } = lab();
    sys.files.delete('/run/user/1000/bus');
    const result = await joinCgroup.run(ctx, {});
    expect(result.skipped).toEqual({
      reason: "not root, and no cgroup of the lab's own can be made here: your user manager has no D-Bus socket (/run/user/1000/bus)",
      needs: expect.stringMatching(/^a cgroup v2 subtree systemd delegates to your user \(user@<uid>\.service with cpu, memory and pids\), or root: .*dbus-user-session/),
    });
    expect(result.output).toEqual([]);
    expect(await setPidsMax.run(ctx, { max: 24 })).toEqual({ log: [], output: [], skipped: result.skipped });
    expect(await setMemoryLimit.run(ctx, { limit: '32m' })).toEqual({ log: [], output: [], skipped: result.skipped });
    const notRead = { ok: true, skipped: true, detail: `no lab cgroup to read: ${result.skipped!.reason}` };
    expect(inLabCgroup.run(ctx, {})).toEqual(notRead);
    expect(pidsMaxIs.run(ctx, { max: 24 })).toEqual(notRead);
    expect(sys.calls).toEqual([]); // nothing written, nothing made
  });
});
