// The whole probe on fixture hosts: how root is reached (never a sudo that is not there), SELinux, and what it puts together.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { probeHost } from '../../../../src/observe/host/probe.js';
import { asRoot, startAsRoot } from '../../../../src/format/asRoot.js';
import { selinuxMode } from '../../../../src/observe/host/selinux.js';
import { fixtureHost } from '../../../support/fixtureOwners.js';
import type { HostFiles } from '../../../../src/observe/host/hostFiles.js';

const fixtures = join(import.meta.dirname, '../../../fixtures');
const tree = (name: string) => fixtureHost(join(fixtures, 'host-probe', name));
const sudoOnPath = (name: string) => (name === 'sudo' ? '/usr/bin/sudo' : null);
const nothingOnPath = () => null;

describe('probeHost', () => {
  it('Ubuntu 24.04 as uid 1000 with sudo: AppArmor blocks user namespaces, overlay is a module', () => {
    const p = probeHost({ files: tree('apparmor-userns'), uid: 1000, release: '6.8.0-31-generic', find: sudoOnPath });
    expect(p.rootVia).toBe('sudo');
    expect(p.userns?.setting).toBe('kernel.apparmor_restrict_unprivileged_userns');
    expect(p.overlay).toBe('module');
    expect(p.selinux).toBe('off');
    expect(p.delegation).toMatchObject({ ok: false });
  });

  it('without sudo on PATH every fix goes through su', () => {
    const p = probeHost({ files: tree('max-userns-0'), uid: 1000, release: '5.14.0-test', find: nothingOnPath });
    expect(p.rootVia).toBe('su');
    expect(JSON.stringify(p)).not.toMatch(/sudo/);
    expect(p.overlay).toBe('missing');
  });

  it('root needs no delegation and runs fixes as is', () => {
    const p = probeHost({ files: tree('userns-clone-0'), uid: 0, release: 'x', find: nothingOnPath });
    expect(p).toMatchObject({ rootVia: 'root', delegation: null, overlay: 'loaded' });
    expect(p.userns?.fix).toMatch(/^sysctl -w kernel\.unprivileged_userns_clone=1 /);
  });

  it('the captured v2 host, read from uid 1000\'s login shell: delegated, nothing blocked, overlay a module it cannot see (no /lib/modules captured)', () => {
    const captured = fixtureHost(join(fixtures, 'host-v2-systemd'));
    // the capture's proc/self is root's service; uid 1000's shell was in user-1000.slice, with systemd and a user bus running
    const asUser: HostFiles = {
      read: (path) => captured.read(path === 'proc/self/cgroup' ? 'proc/user-shell/cgroup' : path),
      stat: (path) => (['/run/systemd/system', 'run/systemd/system', '/run/user/1000/bus', 'run/user/1000/bus'].includes(path) ? { uid: 1000, mode: 0o755 } : captured.stat(path)),
    };
    const p = probeHost({ files: asUser, uid: 1000, release: '6.1.0-50-amd64', find: sudoOnPath });
    expect(p.delegation).toEqual({ ok: true, dir: '/sys/fs/cgroup/user.slice/user-1000.slice/user@1000.service', controllers: ['cpu', 'memory', 'pids'] });
    expect(probeHost({ files: captured, uid: 1000, release: '6.1.0-50-amd64', find: sudoOnPath }).delegation)
      .toMatchObject({ ok: false, reason: expect.stringMatching(/systemd is not the init system/) });
    expect(p.userns).toBeNull();
    expect(p.overlay).toBe('missing');
  });
});

describe('selinuxMode', () => {
  it('reads /sys/fs/selinux/enforce', () => {
    expect(selinuxMode(tree('selinux-enforcing'))).toBe('enforcing');
    expect(selinuxMode({ read: () => '0\n', stat: () => null })).toBe('permissive');
    expect(selinuxMode(tree('apparmor-userns'))).toBe('off');
  });
});

describe('asRoot', () => {
  it('as is for root, sudo when installed, else su -c with the command quoted', () => {
    expect(asRoot('sysctl -w a=1', 'root')).toBe('sysctl -w a=1');
    expect(asRoot('sysctl -w a=1', 'sudo')).toBe('sudo sysctl -w a=1');
    expect(asRoot("echo 'x'", 'su')).toBe(`su -c 'echo '\\''x'\\'''`);
    expect(startAsRoot('su')).not.toMatch(/sudo\b(?! is not installed)/);
    expect(startAsRoot('sudo')).toMatch(/--sudo/);
  });
});
