// hostname-inside, host-hostname-unchanged, same-kernel, uid-mapped: from nsenter's answers and /proc files.
import { describe, expect, it } from 'vitest';
import { hostnameInside, hostHostnameUnchanged, sameKernel, uidMapped } from '../../../src/checks/identityChecks.js';
import { userNamespaceSlot } from '../../../src/actions/userNamespaceState.js';
import { fakeLab } from '../../support/fakeLab.js';
import { RecordingSys } from '../../support/recordingSys.js';
import { status } from './procFiles.js';

describe('hostname-inside', () => {
  it('runs hostname in the container\'s UTS namespace, unlogged, and compares', () => {
    const ctx = fakeLab();
    ctx.sys.answer(['nsenter', '--target', '1000', '--uts', '--', 'hostname'], { stdout: 'container\n' });
    expect(hostnameInside.run(ctx, { equals: 'container' })).toEqual({ ok: true, detail: 'hostname inside: container' });
    expect(hostnameInside.run(ctx, { equals: 'other' })).toEqual({ ok: false, detail: 'hostname inside is container, expected other' });
    expect(ctx.sys.drain()).toEqual([]);
  });

  it('rootless, enters the user namespace first; a failing nsenter fails the check', () => {
    const ctx = fakeLab({ rootless: true });
    ctx.sys.answer(['nsenter', '--target', '1000', '--user', '--preserve-credentials', '--uts'], { status: 1, stderr: 'nsenter: Operation not permitted\n' });
    expect(() => hostnameInside.run(ctx, { equals: 'x' })).toThrow('nsenter hostname failed: nsenter: Operation not permitted');
  });
});

describe('host-hostname-unchanged', () => {
  it('reads the helper\'s (the host\'s) hostname', () => {
    const same = fakeLab({ sys: new RecordingSys({ files: { '/proc/sys/kernel/hostname': 'host\n' } }) });
    expect(hostHostnameUnchanged.run(same, {}).ok).toBe(true);
    const changed = fakeLab({ sys: new RecordingSys({ files: { '/proc/sys/kernel/hostname': 'container\n' } }) });
    expect(hostHostnameUnchanged.run(changed, {})).toEqual({ ok: false, detail: 'host hostname changed from host to container' });
  });
});

describe('same-kernel', () => {
  it('compares uname -r inside with the host\'s osrelease', () => {
    const ctx = fakeLab({ sys: new RecordingSys({ files: { '/proc/sys/kernel/osrelease': '6.8.0-45-generic\n' } }) });
    ctx.sys.answer(['nsenter', '--target', '1000', '--uts', '--', 'uname', '-r'], { stdout: '6.8.0-45-generic\n' });
    expect(sameKernel.run(ctx, {}).ok).toBe(true);
    ctx.sys.files.set('/proc/sys/kernel/osrelease', '6.9.0\n');
    expect(sameKernel.run(ctx, {})).toEqual({ ok: false, detail: 'inside 6.8.0-45-generic, host 6.9.0' });
  });
});

describe('uid-mapped', () => {
  function lab(uidMap: string, hostUid: number, rootless = false) {
    const ctx = fakeLab({ rootless, sys: new RecordingSys({ files: { '/proc/5000/uid_map': uidMap, '/proc/5000/status': status({ pid: 5000, ppid: 1, uid: hostUid }) } }) });
    ctx.slots.use(userNamespaceSlot).process = { pid: 5000, sys: ctx.sys };
    return ctx;
  }

  it('passes when uid_map and the host\'s status agree on an unprivileged uid', () => {
    expect(uidMapped.run(lab('         0     100000          1\n', 100000), { inside: 0, outside: 100000 }))
      .toEqual({ ok: true, detail: 'uid 0 inside is uid 100000 on the host (unprivileged)' });
  });

  it('fails before the step, for an unmapped uid, for another outside uid, and for root outside', () => {
    expect(uidMapped.run(fakeLab(), { inside: 0 })).toEqual({ ok: false, detail: 'no process in a user namespace yet' });
    expect(uidMapped.run(lab('0 100000 1\n', 100000), { inside: 5 }).detail).toMatch(/^uid 5 is not mapped/);
    expect(uidMapped.run(lab('0 100000 1\n', 100000), { inside: 0, outside: 1000 }).detail).toBe('uid 0 inside is 100000 outside, expected 1000');
    expect(uidMapped.run(lab('0 100000 1\n', 100000, true), { inside: 0, outside: 1000 }).ok).toBe(true);
    expect(uidMapped.run(lab('0 100000 1\n', 4242), { inside: 0 }).detail).toBe('uid_map says 0 → 100000, but the host sees uid 4242');
    expect(uidMapped.run(lab('0 0 1\n', 0), { inside: 0 }).detail).toBe('uid 0 inside is root outside too');
  });
});
