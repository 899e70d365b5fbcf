// The changing-root checks decide from fake /proc files, links and directory identities.
import { describe, expect, it } from 'vitest';
import {
  oldRootGone, procEmptyInRoot, procInRootListsOnlyContainer, rootfsMountPoint, rootfsUnpacked, rootIsHost, rootIsRootfs,
} from '../../../src/checks/rootChecks.js';
import { rootProcessesSlot } from '../../../src/actions/rootProcess.js';
import { fakeLab } from '../../support/fakeLab.js';
import { InodeSys, mountLine, statusText } from '../../support/inodeSys.js';

const S = '/run/container-lab/session-test';
const ROOTFS = `${S}/rootfs`;
const HOST_ROOT = mountLine(20, '8:1', '/', '/', 'ext4');

/** A lab whose chroot process is 4101 and pivot process 4102; the host's / is 8:2, the rootfs 9:7. */
function lab(sys: InodeSys) {
  const ctx = fakeLab({ sys });
  Object.assign(ctx.slots.use(rootProcessesSlot), { chroot: 4101, pivot: 4102, sys });
  sys.identify({ '/': '8:2', [ROOTFS]: '9:7' });
  return ctx;
}

describe('rootfs-unpacked / rootfs-mount-point', () => {
  it('pass with bin/sh, etc and proc in the rootfs, a mount point inside only', () => {
    const sys = new InodeSys({ files: { [`${ROOTFS}/bin/sh`]: '', '/proc/1000/mountinfo': `${HOST_ROOT}\n${mountLine(90, '8:1', ROOTFS, ROOTFS, 'ext4')}`, '/proc/self/mountinfo': HOST_ROOT }, dirs: [`${ROOTFS}/etc`, `${ROOTFS}/proc`] });
    const ctx = lab(sys);
    expect(rootfsUnpacked.run(ctx, {})).toEqual({ ok: true, detail: `${ROOTFS} holds bin etc proc` });
    expect(rootfsMountPoint.run(ctx, {})).toEqual({ ok: true, detail: `mount 90 on the rootfs (root ${ROOTFS}), in the container's mountinfo only` });
  });

  it('fail on a missing rootfs, a missing /proc, no mount, or a mount the host sees', () => {
    expect(rootfsUnpacked.run(lab(new InodeSys()), {})).toEqual({ ok: false, detail: `${ROOTFS} does not exist` });
    const noProc = new InodeSys({ files: { [`${ROOTFS}/bin/sh`]: '' }, dirs: [`${ROOTFS}/etc`] });
    expect(rootfsUnpacked.run(lab(noProc), {}).detail).toBe('the rootfs has no proc (it holds: bin etc)');
    const notMounted = new InodeSys({ files: { '/proc/1000/mountinfo': HOST_ROOT, '/proc/self/mountinfo': HOST_ROOT } });
    expect(rootfsMountPoint.run(lab(notMounted), {}).ok).toBe(false);
    const line = mountLine(90, '8:1', ROOTFS, ROOTFS, 'ext4');
    const leaked = new InodeSys({ files: { '/proc/1000/mountinfo': line, '/proc/self/mountinfo': `${HOST_ROOT}\n${line}` } });
    expect(rootfsMountPoint.run(lab(leaked), {})).toEqual({ ok: false, detail: 'the host sees the rootfs mount too' });
  });
});

describe('root-is-rootfs / root-is-host', () => {
  it('compare /proc/<pid>/root with the rootfs and the host\'s / by device and inode', () => {
    const sys = new InodeSys({ links: { '/proc/4101/root': ROOTFS, '/proc/4102/root': '/' } });
    const ctx = lab(sys);
    sys.identify({ '/proc/4101/root': '9:7', '/proc/4102/root': '8:2' });
    expect(rootIsRootfs.run(ctx, { process: 'chroot' })).toEqual({ ok: true, detail: `/proc/4101/root → ${ROOTFS}: the rootfs (dev:ino 9:7), not the host's /` });
    expect(rootIsHost.run(ctx, { process: 'chroot' }).ok).toBe(false);
    expect(rootIsRootfs.run(ctx, { process: 'pivot' })).toEqual({ ok: false, detail: "/proc/4102/root is the host's / (dev:ino 8:2): it got out" });
    expect(rootIsHost.run(ctx, { process: 'pivot' })).toEqual({ ok: true, detail: "/proc/4102/root → /: the host's / (dev:ino 8:2)" });
  });

  it('fail before the process is started', () => {
    expect(rootIsRootfs.run(fakeLab(), { process: 'pivot' })).toEqual({ ok: false, detail: 'no pivot process has been started' });
    expect(rootIsHost.run(fakeLab(), { process: 'chroot' }).ok).toBe(false);
  });
});

describe('old-root-gone', () => {
  it('passes with the rootfs alone as /', () => {
    const sys = new InodeSys({ files: { '/proc/self/mountinfo': HOST_ROOT, '/proc/4102/mountinfo': mountLine(90, '8:1', ROOTFS, '/', 'ext4') } });
    expect(oldRootGone.run(lab(sys), {})).toEqual({ ok: true, detail: `1 mount in its mountinfo; / is ${ROOTFS}; the host's root is not there` });
  });

  it('fails while anything is left of the old root', () => {
    const under = new InodeSys({ files: { '/proc/self/mountinfo': HOST_ROOT, '/proc/4102/mountinfo': [mountLine(90, '8:1', ROOTFS, '/', 'ext4'), mountLine(91, '0:5', '/', '/.old_root/dev', 'devtmpfs')].join('\n') } });
    expect(oldRootGone.run(lab(under), {}).detail).toBe('1 mount(s) still under /.old_root');
    const host = new InodeSys({ files: { '/proc/self/mountinfo': HOST_ROOT, '/proc/4102/mountinfo': [mountLine(90, '8:1', ROOTFS, '/', 'ext4'), mountLine(92, '8:1', '/', '/mnt', 'ext4')].join('\n') } });
    expect(oldRootGone.run(lab(host), {}).detail).toBe("the host's root filesystem (8:1 /) is still mounted, on /mnt");
    expect(oldRootGone.run(fakeLab(), {}).ok).toBe(false);
  });
});

describe('proc-empty-in-root / proc-in-root-lists-only-container', () => {
  const pivoted = mountLine(90, '8:1', ROOTFS, '/', 'ext4');
  const proc = mountLine(93, '0:60', '/', '/proc', 'proc');

  it('before the proc mount: /proc inside is the image\'s empty directory', () => {
    const empty = new InodeSys({ files: { '/proc/4102/mountinfo': pivoted }, dirs: ['/proc/4102/root/proc'] });
    expect(procEmptyInRoot.run(lab(empty), {})).toEqual({ ok: true, detail: '/proc inside is an empty directory of the image: nothing is mounted on it' });
    const mounted = new InodeSys({ files: { '/proc/4102/mountinfo': `${pivoted}\n${proc}` }, dirs: ['/proc/4102/root/proc/1'] });
    expect(procEmptyInRoot.run(lab(mounted), {}).detail).toBe('something is mounted on /proc inside already');
  });

  it('after it: the PIDs /proc inside lists are those of the pivot process\'s PID namespace, 1 among them', () => {
    const ns = 'pid:[4026532300]';
    const host = {
      '/proc/4001/status': statusText(4001, [4001, 1]), '/proc/4102/status': statusText(4102, [4102, 5]),
      '/proc/300/status': statusText(300, [300]), '/proc/4102/mountinfo': `${pivoted}\n${proc}`,
    };
    const links = { '/proc/4001/ns/pid': ns, '/proc/4102/ns/pid': ns, '/proc/300/ns/pid': 'pid:[4026531836]' };
    const good = new InodeSys({ files: host, links, dirs: ['/proc/4102/root/proc/1', '/proc/4102/root/proc/5', '/proc/4102/root/proc/self'] });
    expect(procInRootListsOnlyContainer.run(lab(good), {})).toEqual({ ok: true, detail: '/proc inside lists 2 processes: 1 5' });
    const leaky = new InodeSys({ files: host, links, dirs: ['/proc/4102/root/proc/1', '/proc/4102/root/proc/5', '/proc/4102/root/proc/300'] });
    expect(procInRootListsOnlyContainer.run(lab(leaky), {}).detail).toBe('/proc inside lists PIDs outside the container: 300');
    const unmounted = new InodeSys({ files: { '/proc/4102/mountinfo': pivoted } });
    expect(procInRootListsOnlyContainer.run(lab(unmounted), {}).detail).toBe('no proc is mounted on /proc inside');
  });
});
