// The container-by-hand checks decide from PID 1's fake /proc files and links, and nsenter's answer.
import { describe, expect, it } from 'vitest';
import { initHostname, initMountsOnlyContainer, initNsDiffer, initProcOnRootfs, initRootIsOverlay, initRuns } from '../../../src/checks/containerChecks.js';
import { fakeLab } from '../../support/fakeLab.js';
import { InodeSys, mountLine, statusText } from '../../support/inodeSys.js';

const MERGED = '/run/container-lab/session-test/containers/c1/merged';
const HOST_ROOT = mountLine(20, '8:1', '/', '/', 'ext4');
const OVERLAY = mountLine(300, '0:70', '/', '/', 'overlay');
const PROC = mountLine(301, '0:71', '/', '/proc', 'proc');

function lab(sys = new InodeSys(), rootless = false) {
  return fakeLab({ sys, initPid: 4001, rootless });
}

describe('init-root-is-overlay', () => {
  it('passes when PID 1\'s root is the merged directory as the container process sees it', () => {
    const sys = new InodeSys({ links: { '/proc/4001/root': '/' } }).identify({ '/': '8:2', '/proc/4001/root': '0:70', [`/proc/1000/root${MERGED}`]: '0:70' });
    expect(initRootIsOverlay.run(lab(sys), { container: 'c1' })).toEqual({ ok: true, detail: `/proc/4001/root → /: the overlay on ${MERGED} (dev:ino 0:70)` });
  });

  it('fails on the host\'s / or another directory; throws without PID 1', () => {
    const host = new InodeSys().identify({ '/': '8:2', '/proc/4001/root': '8:2', [`/proc/1000/root${MERGED}`]: '0:70' });
    expect(initRootIsOverlay.run(lab(host), { container: 'c1' })).toEqual({ ok: false, detail: "/proc/4001/root is the host's / (8:2)" });
    const other = new InodeSys().identify({ '/': '8:2', '/proc/4001/root': '9:9', [`/proc/1000/root${MERGED}`]: '0:70' });
    expect(initRootIsOverlay.run(lab(other), { container: 'c1' }).detail).toBe("/proc/4001/root is dev:ino 9:9; the overlay's root is 0:70");
    expect(() => initRootIsOverlay.run(fakeLab(), { container: 'c1' })).toThrow('the container has no PID 1');
  });
});

describe('init-ns-differ', () => {
  const host = { '/proc/self/ns/uts': 'uts:[1]', '/proc/self/ns/net': 'net:[2]' };
  it('passes when every listed link differs from the helper\'s', () => {
    const sys = new InodeSys({ links: { ...host, '/proc/4001/ns/uts': 'uts:[11]', '/proc/4001/ns/net': 'net:[12]' } });
    expect(initNsDiffer.run(lab(sys), { namespaces: ['uts', 'net'] })).toEqual({ ok: true, detail: "PID 1: uts:[11] net:[12], none of them the host's" });
  });
  it('fails naming the shared ones', () => {
    const sys = new InodeSys({ links: { ...host, '/proc/4001/ns/uts': 'uts:[11]', '/proc/4001/ns/net': 'net:[2]' } });
    expect(initNsDiffer.run(lab(sys), { namespaces: ['uts', 'net'] })).toEqual({ ok: false, detail: "PID 1 still shares the host's net namespace" });
  });
});

describe('init-proc-on-rootfs', () => {
  const ns = 'pid:[4026532300]';
  const files = {
    '/proc/4001/mountinfo': `${HOST_ROOT}\n${mountLine(303, '0:72', '/', `${MERGED}/proc`, 'proc')}`,
    '/proc/4001/status': statusText(4001, [4001, 1]), '/proc/300/status': statusText(300, [300]),
  };
  const links = { '/proc/4001/ns/mnt': 'mnt:[21]', '/proc/1000/ns/mnt': 'mnt:[20]', '/proc/4001/ns/pid': ns, '/proc/300/ns/pid': 'pid:[4026531836]' };
  it('passes with proc under the merged directory in PID 1\'s own mount namespace, listing its PID namespace', () => {
    const sys = new InodeSys({ files, links, dirs: [`/proc/4001/root${MERGED}/proc/1`, `/proc/4001/root${MERGED}/proc/self`] });
    expect(initProcOnRootfs.run(lab(sys), { container: 'c1' })).toEqual({ ok: true, detail: `PID 1's mount namespace mnt:[21]: ${MERGED}/proc lists 1 process: 1` });
  });
  it('fails in the container process\'s mount namespace, without the mount, or listing the host\'s PIDs', () => {
    const shared = new InodeSys({ files, links: { ...links, '/proc/4001/ns/mnt': 'mnt:[20]' } });
    expect(initProcOnRootfs.run(lab(shared), { container: 'c1' }).detail).toBe("PID 1 is still in the container process's mount namespace (mnt:[20])");
    const unmounted = new InodeSys({ files: { ...files, '/proc/4001/mountinfo': HOST_ROOT }, links });
    expect(initProcOnRootfs.run(lab(unmounted), { container: 'c1' })).toEqual({ ok: false, detail: `no proc is mounted on ${MERGED}/proc` });
    const leaky = new InodeSys({ files, links, dirs: [`/proc/4001/root${MERGED}/proc/1`, `/proc/4001/root${MERGED}/proc/300`] });
    expect(initProcOnRootfs.run(lab(leaky), { container: 'c1' }).detail).toBe(`${MERGED}/proc lists PIDs outside the container: 300`);
  });
});

describe('init-mounts-only-container', () => {
  it('passes with the overlay as / (and proc on /proc when asked)', () => {
    const before = new InodeSys({ files: { '/proc/self/mountinfo': HOST_ROOT, '/proc/4001/mountinfo': OVERLAY } });
    expect(initMountsOnlyContainer.run(lab(before), { proc: false })).toEqual({ ok: true, detail: "PID 1's mountinfo: / overlay" });
    const after = new InodeSys({ files: { '/proc/self/mountinfo': HOST_ROOT, '/proc/4001/mountinfo': `${OVERLAY}\n${PROC}` } });
    expect(initMountsOnlyContainer.run(lab(after), { proc: true }).ok).toBe(true);
    expect(initMountsOnlyContainer.run(lab(after), { proc: false }).detail).toBe("PID 1's mountinfo: / overlay, /proc proc; expected / overlay");
  });
  it('fails while the host\'s root filesystem is mounted in there', () => {
    const sys = new InodeSys({ files: { '/proc/self/mountinfo': HOST_ROOT, '/proc/4001/mountinfo': `${OVERLAY}\n${mountLine(302, '8:1', '/', '/.old_root', 'ext4')}` } });
    expect(initMountsOnlyContainer.run(lab(sys), { proc: false })).toEqual({ ok: false, detail: "the host's root filesystem (8:1) is still mounted in there" });
  });
});

describe('init-runs', () => {
  it('passes when PID 1 inside runs the program', () => {
    const sys = new InodeSys({ files: { '/proc/4001/cmdline': '/bin/sh\0', '/proc/4001/status': statusText(4001, [4001, 1]) } });
    expect(initRuns.run(lab(sys), { program: '/bin/sh' })).toEqual({ ok: true, detail: 'PID 1 (host PID 4001) runs /bin/sh' });
  });
  it('fails on another program, or when the process is not PID 1 inside', () => {
    const waiting = new InodeSys({ files: { '/proc/4001/cmdline': '/usr/bin/node\0changeRoot.js\0', '/proc/4001/status': statusText(4001, [4001, 1]) } });
    expect(initRuns.run(lab(waiting), { program: '/bin/sh' }).detail).toBe('PID 1 (host PID 4001) runs /usr/bin/node changeRoot.js, not /bin/sh');
    const notOne = new InodeSys({ files: { '/proc/4001/cmdline': '/bin/sh\0', '/proc/4001/status': statusText(4001, [4001, 3]) } });
    expect(initRuns.run(lab(notOne), { program: '/bin/sh' })).toEqual({ ok: false, detail: 'host PID 4001 is PID 3 inside, not 1' });
  });
});

describe('init-hostname', () => {
  it('runs hostname in PID 1\'s UTS namespace with nsenter, unlogged, and compares', () => {
    const sys = new InodeSys().answer(['nsenter'], { stdout: 'by-hand\n' });
    expect(initHostname.run(lab(sys), { equals: 'by-hand' })).toEqual({ ok: true, detail: "hostname in PID 1's UTS namespace: by-hand" });
    expect(initHostname.run(lab(sys), { equals: 'other' }).ok).toBe(false);
    expect(sys.calls[0]).toEqual({ via: 'program', argv: ['nsenter', '--target', '4001', '--uts', '--', 'hostname'] });
    expect(sys.drain()).toEqual([]);
  });
  it('rootless: enters PID 1\'s user namespace first; a failing nsenter is an error', () => {
    const sys = new InodeSys().answer(['nsenter'], { status: 1, stderr: 'nsenter: reassociate to namespace: Operation not permitted\n' });
    expect(() => initHostname.run(lab(sys, true), { equals: 'x' })).toThrow('nsenter hostname failed: nsenter: reassociate to namespace: Operation not permitted');
    expect(sys.calls[0]).toEqual({ via: 'program', argv: ['nsenter', '--target', '4001', '--user', '--preserve-credentials', '--uts', '--', 'hostname'] });
  });
});
