// What blocks unprivileged user namespaces, read from each fixture host's sysctls, with the exact fix.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { usernsBlock } from '../../../../src/observe/host/userns.js';
import { fixtureHost } from '../../../support/fixtureOwners.js';

const tree = (name: string) => fixtureHost(join(import.meta.dirname, '../../../fixtures/host-probe', name));

describe('usernsBlock', () => {
  it('Ubuntu 24.04: AppArmor\'s restriction, lifted with sysctl for this boot and a sysctl.d line for good', () => {
    const block = usernsBlock(tree('apparmor-userns'), 'sudo');
    expect(block?.setting).toBe('kernel.apparmor_restrict_unprivileged_userns');
    expect(block?.why).toMatch(/AppArmor restricts unprivileged user namespaces/);
    expect(block?.fix).toBe('sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0 (until the next boot; to keep it, put the line '
      + 'kernel.apparmor_restrict_unprivileged_userns=0 in /etc/sysctl.d/99-container-lab.conf; this lifts the restriction for every program, as before Ubuntu 23.10)');
  });

  it('older Debian: unprivileged_userns_clone=0', () => {
    const block = usernsBlock(tree('userns-clone-0'), 'root');
    expect(block?.setting).toBe('kernel.unprivileged_userns_clone');
    expect(block?.fix).toMatch(/^sysctl -w kernel\.unprivileged_userns_clone=1 /);
  });

  it('max_user_namespaces=0 comes first; without sudo the fix goes through su, never sudo', () => {
    const block = usernsBlock(tree('max-userns-0'), 'su');
    expect(block?.setting).toBe('user.max_user_namespaces');
    expect(block?.why).toMatch(/ENOSPC/);
    expect(block?.fix).toMatch(/^su -c 'sysctl -w user\.max_user_namespaces=10000' /);
    expect(block?.fix).not.toMatch(/sudo/);
  });

  it('nothing blocks on the captured v2 host (no such sysctl files) or with a positive limit', () => {
    expect(usernsBlock(tree('selinux-enforcing'), 'sudo')).toBeNull();
    expect(usernsBlock(fixtureHost(join(import.meta.dirname, '../../../fixtures/host-v2-systemd')), 'sudo')).toBeNull();
  });
});
