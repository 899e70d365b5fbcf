// Which lessons open: privilege, the chain programs, and the host-Docker choice (--host-docker).
import { describe, expect, it } from 'vitest';
import { cgroupDelegationHere, privilegeLabel, whyUnavailable } from '../../../src/lesson/availability.js';
import { cgroupHierarchies } from '../../../src/cgroup/session.js';
import type { Lesson } from '../../../src/types.js';

const lesson = (extra: Partial<Lesson>): Lesson => ({ id: 'x', title: 'X', summary: 's', privilege: 'root', order: 1, requires: [], hostDocker: false, intro: '', steps: [], file: 'x.md', source: { trusted: true, from: 'the package' }, hostEffects: [], ...extra });
const all = () => '/usr/bin/x';
const none = () => null;

describe('whyUnavailable', () => {
  it('a root lesson needs root, unless it runs on the host\'s Docker the user chose', () => {
    expect(whyUnavailable(lesson({}), { mode: 'rootless', hostDocker: null, find: all })).toMatch(/needs root/);
    const rest = lesson({ requires: ['docker', 'dockerd'], hostDocker: true });
    expect(whyUnavailable(rest, { mode: 'rootless', hostDocker: '/var/run/docker.sock', find: all })).toBeNull();
  });

  it('the cgroups lesson runs rootless only where systemd delegates a cgroup v2 subtree, and says why not', () => {
    const cgroups = lesson({ rootlessWhere: 'cgroup-delegation' });
    const delegated = { ok: true as const, dir: '/sys/fs/cgroup/user.slice/user-1000.slice/user@1000.service', controllers: ['cpu', 'memory', 'pids'] };
    expect(whyUnavailable(cgroups, { mode: 'rootless', hostDocker: null, find: all, cgroupDelegation: delegated })).toBeNull();
    const hybrid = { ok: false as const, reason: 'this host has cgroup hybrid', fix: 'boot with pure cgroup v2' };
    expect(whyUnavailable(cgroups, { mode: 'rootless', hostDocker: null, find: all, cgroupDelegation: hybrid }))
      .toBe('needs root here, or a cgroup v2 subtree systemd delegates to you: this host has cgroup hybrid (fix: boot with pure cgroup v2)');
    expect(whyUnavailable(cgroups, { mode: 'root', hostDocker: null, find: all, cgroupDelegation: hybrid })).toBeNull();
    expect([privilegeLabel(cgroups), privilegeLabel(lesson({})), privilegeLabel(lesson({ privilege: 'rootless' }))])
      .toEqual(['root, or rootless with cgroup v2 delegation', 'needs root', 'root or rootless']);
  });

  it('a v1 or hybrid host (this build host) delegates nothing to a user, and says which it is', () => {
    const { mode } = cgroupHierarchies();
    if (mode !== 'v2') expect(cgroupDelegationHere()).toMatchObject({ ok: false, reason: expect.stringContaining(`cgroup ${mode}`) });
  });

  it('with --host-docker, a lesson that stops and starts daemons says it needs the private ones', () => {
    const shim = lesson({ requires: ['dockerd', 'containerd'] });
    expect(whyUnavailable(shim, { mode: 'root', hostDocker: '/var/run/docker.sock', find: all })).toMatch(/private ones/);
    expect(whyUnavailable(lesson({}), { mode: 'root', hostDocker: '/var/run/docker.sock', find: all }), 'lessons without daemons are untouched').toBeNull();
  });

  it('on the host\'s Docker only the docker CLI is needed; else every program the lesson lists', () => {
    const rest = lesson({ requires: ['docker', 'dockerd', 'containerd'], hostDocker: true });
    const onlyDocker = (n: string) => (n === 'docker' ? '/usr/bin/docker' : null);
    expect(whyUnavailable(rest, { mode: 'root', hostDocker: '/var/run/docker.sock', find: onlyDocker })).toBeNull();
    expect(whyUnavailable(rest, { mode: 'root', hostDocker: null, find: onlyDocker })).toMatch(/^needs dockerd, containerd \(not installed\)/);
    expect(whyUnavailable(rest, { mode: 'root', hostDocker: null, find: none })).toMatch(/^needs docker, dockerd, containerd/);
  });

  it('a lesson from outside the package never runs on the host\'s Docker', () => {
    const elsewhere = lesson({ requires: ['docker'], hostDocker: true, source: { trusted: false, from: '--lessons /x' } });
    expect(whyUnavailable(elsewhere, { mode: 'root', hostDocker: '/var/run/docker.sock', find: all })).toMatch(/^comes from --lessons \/x: only the package's own lessons run on the host's Docker/);
    expect(whyUnavailable(elsewhere, { mode: 'root', hostDocker: null, find: all })).toBeNull();
  });
});
