// Which lessons open: privilege, the chain programs, and the host-Docker choice (--host-docker).
import { describe, expect, it } from 'vitest';
import { privilegeLabel, whyUnavailable, type HostLimits } from '../../../src/lesson/availability.js';
import { rootlessCgroupDelegation } from '../../../src/cgroup/delegation.js';
import { cgroupHierarchies } from '../../../src/cgroup/session.js';
import type { Lesson } from '../../../src/types.js';

const lesson = (extra: Partial<Lesson>): Lesson => ({ id: 'x', title: 'X', summary: 's', privilege: 'root', order: 1, requires: [], hostDocker: false, intro: '', steps: [], file: 'x.md', source: { trusted: true, from: 'the package' }, hostEffects: [], ...extra });
const all = () => '/usr/bin/x';
const none = () => null;

describe('whyUnavailable', () => {
  it('a root lesson needs root, unless it runs on the host\'s Docker the user chose', () => {
    expect(whyUnavailable(lesson({}), { mode: 'rootless', hostDocker: null, find: all })).toMatch(/needs root/);
    // the lesson's own words for the primitive that needs root come with it
    expect(whyUnavailable(lesson({ rootless: 'runc create makes a cgroup' }), { mode: 'rootless', hostDocker: null, find: all }))
      .toBe('needs root (runc create makes a cgroup): start container-lab as root or with --sudo');
    expect(whyUnavailable(lesson({ rootless: 'runc create makes a cgroup' }), { mode: 'root', hostDocker: null, find: all })).toBeNull();
    const rest = lesson({ requires: ['docker', 'dockerd'], hostDocker: true });
    expect(whyUnavailable(rest, { mode: 'rootless', hostDocker: '/var/run/docker.sock', find: all })).toBeNull();
  });

  it('the cgroups lesson runs rootless only where systemd delegates a cgroup v2 subtree, and says why not', () => {
    const cgroups = lesson({ rootlessWhere: 'cgroup-delegation' });
    const delegated = { ok: true as const, dir: '/sys/fs/cgroup/user.slice/user-1000.slice/user@1000.service', controllers: ['cpu', 'memory', 'pids'] };
    expect(whyUnavailable(cgroups, { mode: 'rootless', hostDocker: null, find: all, host: { rootVia: 'sudo' as const, userns: null, overlay: 'loaded' as const, delegation: delegated } })).toBeNull();
    const hybrid = { ok: false as const, reason: 'this host has cgroup hybrid', fix: 'boot with pure cgroup v2' };
    expect(whyUnavailable(cgroups, { mode: 'rootless', hostDocker: null, find: all, host: { rootVia: 'sudo' as const, userns: null, overlay: 'loaded' as const, delegation: hybrid } }))
      .toBe('needs root here, or a cgroup v2 subtree systemd delegates to you: this host has cgroup hybrid (fix: boot with pure cgroup v2)');
    expect(whyUnavailable(cgroups, { mode: 'root', hostDocker: null, find: all, host: { rootVia: 'sudo' as const, userns: null, overlay: 'loaded' as const, delegation: hybrid } })).toBeNull();
    expect([privilegeLabel(cgroups), privilegeLabel(lesson({})), privilegeLabel(lesson({ privilege: 'rootless' }))])
      .toEqual(['root, or rootless with cgroup v2 delegation', 'needs root', 'root or rootless']);
  });

  it('a v1 or hybrid host (this build host) delegates nothing to a user, and says which it is', () => {
    const { mode } = cgroupHierarchies();
    if (mode !== 'v2') expect(rootlessCgroupDelegation()).toMatchObject({ ok: false, reason: expect.stringContaining(`cgroup ${mode}`) });
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

  const step = (name: string) => ({ title: name, slide: '', notes: '', action: { name, params: {} }, checks: [], tasks: [], line: 1 });
  const blocked: HostLimits = { rootVia: 'sudo', overlay: 'loaded', userns: { setting: 'kernel.apparmor_restrict_unprivileged_userns', value: '1', why: 'AppArmor restricts unprivileged user namespaces', fix: 'sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0' } };

  it('without sudo on the host, a root lesson says how to run as root and never advises --sudo', () => {
    const reason = whyUnavailable(lesson({}), { mode: 'rootless', hostDocker: null, find: all, host: { rootVia: 'su', userns: null, overlay: 'loaded' } });
    expect(reason).toMatch(/^needs root: sudo is not installed here: run container-lab as root/);
    expect(reason).not.toMatch(/--sudo/);
    expect(whyUnavailable(lesson({}), { mode: 'rootless', hostDocker: null, find: all, host: { rootVia: 'sudo', userns: null, overlay: 'loaded' } })).toMatch(/--sudo/);
  });

  it('blocked user namespaces stop every lesson rootless, and the user-namespace step even as root, with the fix', () => {
    const plain = lesson({ privilege: 'rootless', steps: [step('unshare')] });
    const userns = lesson({ privilege: 'rootless', steps: [step('unshare'), step('user-namespace')] });
    expect(whyUnavailable(plain, { mode: 'rootless', hostDocker: null, find: all, host: blocked }))
      .toBe('needs an unprivileged user namespace, and AppArmor restricts unprivileged user namespaces. Fix: sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0');
    expect(whyUnavailable(plain, { mode: 'root', hostDocker: null, find: all, host: blocked })).toBeNull();
    expect(whyUnavailable(userns, { mode: 'root', hostDocker: null, find: all, host: blocked })).toMatch(/^needs an unprivileged user namespace/);
  });

  it('a missing overlay stops the lessons that mount one; a module not loaded yet stops nothing', () => {
    const layers = lesson({ steps: [step('unshare'), step('mount-overlay')] });
    expect(whyUnavailable(layers, { mode: 'root', hostDocker: null, find: all, host: { rootVia: 'root', userns: null, overlay: 'missing' } })).toMatch(/^needs overlayfs, which this kernel lacks/);
    expect(whyUnavailable(layers, { mode: 'root', hostDocker: null, find: all, host: { rootVia: 'root', userns: null, overlay: 'module' } })).toBeNull();
    expect(whyUnavailable(lesson({ steps: [step('unshare')] }), { mode: 'root', hostDocker: null, find: all, host: { rootVia: 'root', userns: null, overlay: 'missing' } })).toBeNull();
  });
});
