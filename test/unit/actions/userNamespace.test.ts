// user-namespace: unshare(CLONE_NEWUSER) tried in the container process, then setpriv → unshare(1) → sleep, kept in a slot.
import { describe, expect, it, vi } from 'vitest';
import { userNamespace } from '../../../src/actions/userNamespace.js';
import { userNamespaceSlot, userPid } from '../../../src/actions/userNamespaceState.js';
import { fakeLab } from '../../support/fakeLab.js';
import { RecordingSys } from '../../support/recordingSys.js';
import { CLONE } from '../../../native/constants.js';

vi.mock('../../../native/findProgram.js', () => ({ whichProgram: (name: string) => `/usr/bin/${name}` }));

const EINVAL = 22;
const TAIL = ['--', '/usr/bin/unshare', '--user', '--map-root-user', '--', '/usr/bin/sleep', 'infinity'];

function lab(rootless = false) {
  const sys = new RecordingSys({ files: { '/proc/5000/uid_map': '         0     100000          1\n', '/proc/5000/comm': 'sleep\n' } });
  sys.failing.set('unshare', EINVAL);
  return fakeLab({ sys, rootless });
}

describe('user-namespace', () => {
  it('shows the container process\'s EINVAL, then starts a process as root in a new user namespace', async () => {
    const ctx = lab();
    const result = await userNamespace.run(ctx, userNamespace.params.parse({}));
    expect(ctx.sys.calls).toEqual([
      { via: 'kernel', call: 'unshare', args: [CLONE.NEWUSER] },
      {
        via: 'start',
        argv: ['/usr/bin/setpriv', '--pdeathsig', 'KILL', '--reuid', '100000', '--regid', '100000', '--clear-groups', ...TAIL],
        argv0: 'container-lab-setpriv',
        quiet: true,
      },
    ]);
    expect(result.log.map((e) => [e.call, e.errno])).toEqual([['unshare', 'EINVAL'], ['spawn setpriv', undefined]]);
    expect(result.output[0]).toMatch(/EINVAL — Node has threads/);
    expect(result.output[1]).toMatch(/^Started host PID 5000 in a new user namespace; uid_map: 0 +100000 +1$/);
    expect(userPid(ctx)).toBe(5000);
  });

  it('rootless, stays the user: no --reuid', async () => {
    const ctx = lab(true);
    await userNamespace.run(ctx, { outsideUid: 100000 });
    expect(ctx.sys.calls[1]).toMatchObject({ via: 'start', argv: ['/usr/bin/setpriv', '--pdeathsig', 'KILL', ...TAIL] });
  });

  it('its slot kills the process when the lesson closes', async () => {
    const ctx = lab();
    await userNamespace.run(ctx, { outsideUid: 100000 });
    expect(await ctx.slots.teardownAll()).toEqual([]);
    expect(ctx.sys.calls.at(-1)).toEqual({ via: 'kill', pid: 5000, signal: 'SIGKILL' });
    expect(ctx.sys.alive.has(5000)).toBe(false);
  });

  it('says so when unshare(CLONE_NEWUSER) succeeds; no process before the step', async () => {
    const ctx = lab();
    expect(userPid(ctx)).toBeNull();
    expect(ctx.slots.get(userNamespaceSlot)).toBeUndefined();
    ctx.sys.failing.clear();
    const result = await userNamespace.run(ctx, { outsideUid: 100000 });
    expect(result.output[0]).toBe('unshare(CLONE_NEWUSER) succeeded in the container process.');
  });
});
