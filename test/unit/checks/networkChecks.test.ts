// links: `ip -o link show` in the container's network namespace, names and UP flags.
import { describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runcLayout } from '../../../src/chain/runcLayout.js';
import { links } from '../../../src/checks/networkChecks.js';
import { fakeLab } from '../../support/fakeLab.js';

vi.mock('../../../native/findProgram.js', () => ({ whichProgram: () => '/usr/sbin/runc', findProgram: () => '/usr/sbin/runc' }));

const IP = ['nsenter', '--target', '1000', '--net', '--', 'ip', '-o', 'link', 'show'];
const DOWN = '1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN mode DEFAULT group default qlen 1000\\    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n';
const UP = '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000\\    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n';

function lab(stdout: string) {
  const ctx = fakeLab();
  ctx.sys.answer(IP, { stdout });
  return ctx;
}

describe('links', () => {
  it('passes when only the named interfaces are there, up or down as asked', () => {
    expect(links.run(lab(DOWN), { only: ['lo'], up: false, of: 'container' })).toEqual({ ok: true, detail: 'only lo, DOWN' });
    expect(links.run(lab(UP), { only: ['lo'], up: true, of: 'container' })).toEqual({ ok: true, detail: 'only lo, UP' });
  });

  it('fails on the wrong state or another interface', () => {
    expect(links.run(lab(DOWN), { only: ['lo'], up: true, of: 'container' })).toEqual({ ok: false, detail: 'lo is DOWN' });
    const two = DOWN + '2: eth0@if7: <BROADCAST,MULTICAST,UP> mtu 1500 state UP\\    link/ether\n';
    expect(links.run(lab(two), { only: ['lo'], up: false, of: 'container' }).detail).toBe('interfaces inside: lo, eth0; expected only lo');
  });

  it('of: runc looks into the network namespace of the init `runc state` names: lo, brought up by runc', () => {
    const l = runcLayout('/run/container-lab/session-test', 'test', 'cgroupfs');
    const state = JSON.parse(readFileSync(join(__dirname, '../../fixtures/chain/runc/state-created.json'), 'utf8'));
    const ctx = fakeLab();
    ctx.sys.answer(['/usr/sbin/runc', '--root', l.root, 'state', 'cl-test'], { stdout: JSON.stringify({ ...state, id: 'cl-test', pid: 4321 }) });
    ctx.sys.answer(['nsenter', '--target', '4321', '--net', '--', 'ip', '-o', 'link', 'show'], { stdout: UP });
    expect(links.run(ctx, { only: ['lo'], up: true, of: 'runc' })).toEqual({ ok: true, detail: 'only lo, UP' });
    const gone = fakeLab();
    gone.sys.answer(['/usr/sbin/runc', '--root', l.root, 'state', 'cl-test'], { status: 1, stderr: 'container does not exist' });
    expect(() => links.run(gone, { only: ['lo'], up: true, of: 'runc' })).toThrow(/runc state cl-test: container does not exist/);
  });
});
