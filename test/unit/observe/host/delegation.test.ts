// cgroup v2 delegation to a user, on the captured systemd v2 host and variants of it, and on this hybrid layout.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { delegation } from '../../../../src/observe/host/delegation.js';
import { fixtureHost } from '../../../support/fixtureOwners.js';

const fixtures = join(import.meta.dirname, '../../../fixtures');

describe('delegation', () => {
  it('the captured host: user@1000.service is uid 1000\'s, with cpu memory pids', () => {
    expect(delegation(fixtureHost(join(fixtures, 'host-v2-systemd')), 1000, 'sudo')).toEqual({
      state: 'delegated',
      dir: '/sys/fs/cgroup/user.slice/user-1000.slice/user@1000.service',
      controllers: ['cpu', 'memory', 'pids'],
    });
  });

  it('another uid there has no user manager: log in, or linger', () => {
    const d = delegation(fixtureHost(join(fixtures, 'host-v2-systemd')), 1001, 'su');
    expect(d.state).toBe('missing');
    expect(d.state === 'missing' && d.why).toMatch(/no \/sys\/fs\/cgroup\/user\.slice\/user-1001\.slice\/user@1001\.service/);
    expect(d.state === 'missing' && d.fix).toMatch(/su -c 'loginctl enable-linger 1001'/);
  });

  it('a manager without cpu: the Delegate= drop-in', () => {
    const d = delegation(fixtureHost(join(fixtures, 'host-probe/v2-partial-delegation')), 1000, 'sudo');
    expect(d.state).toBe('missing');
    expect(d.state === 'missing' && d.why).toMatch(/delegates memory pids to .*user@1000\.service, not cpu$/);
    expect(d.state === 'missing' && d.fix).toBe('with sudo, create /etc/systemd/system/user@.service.d/delegate.conf with the two lines "[Service]" and '
      + '"Delegate=cpu memory pids", run sudo systemctl daemon-reload, then log out and in again');
  });

  it('a directory that is not the user\'s is not delegated', () => {
    // uid 0 owns user-1000.slice itself in the capture: pretend the user's manager sits there
    const files = fixtureHost(join(fixtures, 'host-v2-systemd'));
    const shifted = { read: files.read, owner: (p: string) => (p.endsWith('user@1000.service') ? 0 : files.owner(p)) };
    const d = delegation(shifted, 1000, 'sudo');
    expect(d.state === 'missing' && d.why).toMatch(/is owned by uid 0, not 1000/);
  });

  it('hybrid and v1 hosts delegate nothing to users', () => {
    const d = delegation(fixtureHost(join(fixtures, 'host-hybrid')), 1000, 'sudo');
    expect(d).toMatchObject({ state: 'missing', dir: null });
    expect(d.state === 'missing' && d.why).toMatch(/hybrid: the controllers are in v1 hierarchies/);
  });
});
