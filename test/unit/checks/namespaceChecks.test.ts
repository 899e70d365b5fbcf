// ns-differs and ns-same decide from the /proc/<pid>/ns links alone.
import { describe, expect, it } from 'vitest';
import { nsDiffers, nsSame } from '../../../src/checks/namespaceChecks.js';
import { fakeLab } from '../../support/fakeLab.js';
import { RecordingSys } from '../../support/recordingSys.js';
import { userNamespaceSlot } from '../../../src/actions/userNamespaceState.js';

const HOST = { '/proc/self/ns/uts': 'uts:[4026531838]', '/proc/self/ns/pid': 'pid:[4026531836]', '/proc/self/ns/user': 'user:[4026531837]' };

describe('ns-differs / ns-same', () => {
  it('pass when the container process names another inode than the helper', () => {
    const ctx = fakeLab({ sys: new RecordingSys({ links: { ...HOST, '/proc/1000/ns/uts': 'uts:[4026532174]' } }) });
    expect(nsDiffers.run(ctx, { ns: 'uts' })).toEqual({ ok: true, detail: 'container uts:[4026532174] ≠ host uts:[4026531838]' });
    expect(nsSame.run(ctx, { ns: 'uts' }).ok).toBe(false);
  });

  it('fail when the container still shares the host\'s', () => {
    const ctx = fakeLab({ sys: new RecordingSys({ links: { ...HOST, '/proc/1000/ns/uts': 'uts:[4026531838]' } }) });
    expect(nsDiffers.run(ctx, { ns: 'uts' })).toEqual({ ok: false, detail: "container is still in the host's uts:[4026531838]" });
    expect(nsSame.run(ctx, { ns: 'uts' }).ok).toBe(true);
  });

  it('pid: reads pid_for_children, and passes while it is unreadable (no PID 1 yet)', () => {
    const ctx = fakeLab({ sys: new RecordingSys({ links: HOST }) });
    expect(nsDiffers.run(ctx, { ns: 'pid' }).detail).toMatch(/stays unreadable until its PID 1 exists/);
    const started = fakeLab({ sys: new RecordingSys({ links: { ...HOST, '/proc/1000/ns/pid_for_children': 'pid:[4026532176]' } }) });
    expect(nsDiffers.run(started, { ns: 'pid' }).ok).toBe(true);
  });

  it('user: reads the user-namespace process once there is one', () => {
    const ctx = fakeLab({ sys: new RecordingSys({ links: { ...HOST, '/proc/1000/ns/user': HOST['/proc/self/ns/user'], '/proc/2000/ns/user': 'user:[4026532200]' } }) });
    expect(nsDiffers.run(ctx, { ns: 'user' }).ok).toBe(false);
    ctx.slots.use(userNamespaceSlot).process = { pid: 2000, sys: ctx.sys };
    expect(nsDiffers.run(ctx, { ns: 'user' }).ok).toBe(true);
  });
});
