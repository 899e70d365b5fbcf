// links: `ip -o link show` in the container's network namespace, names and UP flags.
import { describe, expect, it } from 'vitest';
import { links } from '../../../src/checks/networkChecks.js';
import { fakeLab } from '../../support/fakeLab.js';

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
    expect(links.run(lab(DOWN), { only: ['lo'], up: false })).toEqual({ ok: true, detail: 'only lo, DOWN' });
    expect(links.run(lab(UP), { only: ['lo'], up: true })).toEqual({ ok: true, detail: 'only lo, UP' });
  });

  it('fails on the wrong state or another interface', () => {
    expect(links.run(lab(DOWN), { only: ['lo'], up: true })).toEqual({ ok: false, detail: 'lo is DOWN' });
    const two = DOWN + '2: eth0@if7: <BROADCAST,MULTICAST,UP> mtu 1500 state UP\\    link/ether\n';
    expect(links.run(lab(two), { only: ['lo'], up: false }).detail).toBe('interfaces inside: lo, eth0; expected only lo');
  });
});
