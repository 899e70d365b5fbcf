// The escape checks decide from a fake process tree: each process's parent, mount namespace and root's device:inode.
import { describe, expect, it } from 'vitest';
import { escapedFromRootfs, escapeStoppedAtRootfs } from '../../../src/checks/escapeChecks.js';
import { rootProcessesSlot } from '../../../src/actions/rootProcess.js';
import { fakeLab } from '../../support/fakeLab.js';
import { InodeSys } from '../../support/inodeSys.js';
import { addProcess } from '../../support/fakeProc.js';

const S = '/run/container-lab/session-test';
const HOST = '8:2';
const ROOTFS = '9:7';
const JAIL = '9:31';
const HOST_MNT = 'mnt:[4026531841]';
const PIVOT_MNT = 'mnt:[4026532300]';

interface P { pid: number; ppid: number; comm: string; root: string; mnt?: string }

/** A lab whose pivot process is 4102, and these processes in /proc. */
function lab(processes: P[]) {
  const sys = new InodeSys();
  sys.identify({ '/': HOST, [`${S}/rootfs`]: ROOTFS });
  for (const p of processes) {
    addProcess(sys, p);
    sys.identify({ [`/proc/${p.pid}/root`]: p.root });
    sys.links.set(`/proc/${p.pid}/ns/mnt`, p.mnt ?? HOST_MNT);
  }
  const ctx = fakeLab({ sys });
  Object.assign(ctx.slots.use(rootProcessesSlot), { chroot: 4101, pivot: 4102, sys });
  return ctx;
}

const SHELL = { pid: 300, ppid: 1, comm: 'sh', root: HOST };
const CONTAINER = { pid: 1000, ppid: 1, comm: 'node', root: HOST };

describe('escaped-from-rootfs', () => {
  it('passes on a process with the host\'s root below a process with the rootfs as root', () => {
    const ctx = lab([SHELL, { pid: 301, ppid: 300, comm: 'sh', root: ROOTFS }, { pid: 302, ppid: 301, comm: 'busybox', root: JAIL }, { pid: 303, ppid: 302, comm: 'sh', root: HOST }]);
    expect(escapedFromRootfs.run(ctx, {})).toEqual({ ok: true, detail: "sh 303 has the host's / as its root (dev:ino 8:2); its ancestor sh 301 has the rootfs (9:7): it got out" });
  });

  it('fails with nobody in the chroot, with jails that stayed jails, and on the lab\'s own escape (no chrooted ancestor)', () => {
    expect(escapedFromRootfs.run(lab([SHELL]), {})).toEqual({ ok: false, detail: 'no process has the rootfs (dev:ino 9:7) as its root: nothing is in the chroot yet' });
    const stayed = lab([SHELL, { pid: 301, ppid: 300, comm: 'sh', root: ROOTFS }, { pid: 302, ppid: 301, comm: 'sleep', root: JAIL }]);
    expect(escapedFromRootfs.run(stayed, {})).toEqual({ ok: false, detail: "sh 301 has the rootfs as root, but no descendant has the host's / (dev:ino 8:2): nobody got out yet" });
    // the lesson's chroot process escaped by itself: its parent, the container process, never had the rootfs as root
    const own = lab([CONTAINER, { pid: 4101, ppid: 1000, comm: 'node', root: HOST }, { pid: 4102, ppid: 1000, comm: 'node', root: ROOTFS }]);
    expect(escapedFromRootfs.run(own, {}).ok).toBe(false);
  });
});

describe('escape-stopped-at-rootfs', () => {
  const pivot = { pid: 4102, ppid: 1000, comm: 'node', root: ROOTFS, mnt: PIVOT_MNT };

  it('passes on a process back at the rootfs below a jail, in the pivot_root process\'s mount namespace', () => {
    const ctx = lab([CONTAINER, pivot, { pid: 500, ppid: 300, comm: 'sh', root: ROOTFS, mnt: PIVOT_MNT }, { pid: 501, ppid: 500, comm: 'busybox', root: JAIL, mnt: PIVOT_MNT }, { pid: 502, ppid: 501, comm: 'sh', root: ROOTFS, mnt: PIVOT_MNT }, SHELL]);
    expect(escapeStoppedAtRootfs.run(ctx, {})).toEqual({ ok: true, detail: "sh 502 climbed out of the jail of busybox 501 and its root is the rootfs (dev:ino 9:7), not the host's /: the climb ended there" });
  });

  it('fails before pivot_root, without a jail, with a jail not climbed out of, and says so when a process got out', () => {
    expect(escapeStoppedAtRootfs.run(fakeLab(), {}).detail).toBe('no pivot_root process has been started');
    const flat = lab([CONTAINER, pivot, { pid: 500, ppid: 300, comm: 'sh', root: ROOTFS, mnt: PIVOT_MNT }, SHELL]);
    expect(escapeStoppedAtRootfs.run(flat, {}).detail).toBe('the 2 processes of the pivot_root mount namespace all have the rootfs as root; none is in a jail below it');
    const jailed = lab([CONTAINER, pivot, { pid: 500, ppid: 300, comm: 'sh', root: ROOTFS, mnt: PIVOT_MNT }, { pid: 501, ppid: 500, comm: 'sleep', root: JAIL, mnt: PIVOT_MNT }, SHELL]);
    expect(escapeStoppedAtRootfs.run(jailed, {}).detail).toBe('sleep 501 has a root inside the rootfs (a jail), but no descendant has climbed back to the rootfs yet');
    const out = lab([CONTAINER, pivot, { pid: 500, ppid: 300, comm: 'sh', root: ROOTFS, mnt: PIVOT_MNT }, { pid: 501, ppid: 500, comm: 'busybox', root: JAIL, mnt: PIVOT_MNT }, { pid: 502, ppid: 501, comm: 'sh', root: HOST, mnt: PIVOT_MNT }, SHELL]);
    expect(escapeStoppedAtRootfs.run(out, {}).detail).toMatch(/^sh 502, in the pivot_root mount namespace, has the host's \/ as root: it got out/);
    // a process with the same roots in another mount namespace does not count
    const elsewhere = lab([CONTAINER, pivot, { pid: 501, ppid: 300, comm: 'busybox', root: JAIL }, { pid: 502, ppid: 501, comm: 'sh', root: ROOTFS }, SHELL]);
    expect(escapeStoppedAtRootfs.run(elsewhere, {}).ok).toBe(false);
  });
});
