// edit-rootfs: one change through merged, made by the container process, only on an overlay mount.
import { describe, expect, it } from 'vitest';
import { editRootfs, editThroughOverlay } from '../../../src/actions/editRootfs.js';
import { layersSlot, overlayPaths } from '../../../src/actions/layersState.js';
import { fakeLab } from '../../support/fakeLab.js';
import { RecordingSys } from '../../support/recordingSys.js';

const S = '/run/container-lab/session-test';
const MERGED = `${S}/containers/c1/merged`;
const MOUNTINFO = `22 1 8:1 / / rw,relatime - ext4 /dev/sda1 rw\n98 22 0:51 / ${MERGED} rw,relatime - overlay overlay rw,lowerdir=${S}/layers/2:${S}/layers/1,upperdir=${S}/containers/c1/upper,workdir=${S}/containers/c1/work\n`;

function mounted(files: Record<string, string> = {}, mountinfo = MOUNTINFO) {
  const ctx = fakeLab({ sys: new RecordingSys({ files: { '/proc/self/mountinfo': mountinfo, ...files } }) });
  Object.assign(ctx.slots.use(layersSlot), { imageDir: '/img', layerDirs: [], digests: [], containers: { c1: overlayPaths(S, 'c1') } });
  ctx.builder.state.mntUnshared = true;
  return ctx;
}

describe('edit-rootfs', () => {
  it('sends the merged directory along and writes through it with mode 0644', async () => {
    const ctx = mounted();
    const result = await editRootfs.run(ctx, { container: 'c1', op: 'write', path: '/new.txt', text: 'hi\n' });
    expect(ctx.builder.requests).toEqual([{ method: 'step', params: { action: 'edit-rootfs', params: { container: 'c1', op: 'write', path: '/new.txt', text: 'hi\n' }, given: { merged: MERGED } } }]);
    expect(ctx.sys.calls).toEqual([{ via: 'inRoot', root: MERGED, call: 'writeFile', path: '/new.txt', data: 'hi\n', mode: 0o644 }]);
    expect(result.output).toEqual(['c1: wrote 3 bytes to /new.txt']);
    expect(result.log.map((e) => e.call)).toEqual(['openat2']);
  });

  it('appends with O_APPEND, deletes with unlink(2)', async () => {
    const ctx = mounted({ [`${MERGED}/etc/motd`]: 'welcome\n', [`${MERGED}/etc/issue`]: 'lab\n' });
    await editRootfs.run(ctx, { container: 'c1', op: 'append', path: '/etc/motd', text: 'more\n' });
    const deleted = await editRootfs.run(ctx, { container: 'c1', op: 'delete', path: '/etc/issue' });
    expect(ctx.sys.calls).toEqual([
      { via: 'inRoot', root: MERGED, call: 'writeFile', path: '/etc/motd', data: 'more\n', append: true },
      { via: 'inRoot', root: MERGED, call: 'unlink', path: '/etc/issue' },
    ]);
    expect(ctx.sys.files.get(`${MERGED}/etc/motd`)).toBe('welcome\nmore\n');
    expect(deleted.output).toEqual(['c1: deleted /etc/issue']);
  });

  it('replace-dir removes the tree children first, in name order, then makes an empty directory', async () => {
    const d = `${MERGED}/usr/share/hello`;
    const ctx = mounted({ [`${d}/message`]: 'Hello\n', [`${d}/sub/b`]: 'b', [`${d}/a`]: 'a' });
    await editRootfs.run(ctx, { container: 'c1', op: 'replace-dir', path: '/usr/share/hello' });
    const h = '/usr/share/hello';
    expect(ctx.sys.calls.map((c) => (c.via === 'inRoot' ? `${c.call} ${c.path.slice(h.length) || '.'}` : c.via))).toEqual([
      'unlink /a', 'unlink /message', 'unlink /sub/b', 'rmdir /sub', 'rmdir .', 'mkdir .',
    ]);
  });

  it('follows a link the container planted inside its root: the image\'s /bin/sh -> /bin/busybox is the container\'s busybox', async () => {
    const ctx = mounted({ [`${MERGED}/bin/busybox`]: 'ELF', '/bin/busybox': 'HOST' });
    ctx.sys.links.set(`${MERGED}/bin/sh`, '/bin/busybox');
    const result = await editRootfs.run(ctx, { container: 'c1', op: 'append', path: '/bin/sh', text: '!' });
    expect(ctx.sys.files.get(`${MERGED}/bin/busybox`)).toBe('ELF!');
    expect(ctx.sys.files.get('/bin/busybox')).toBe('HOST');
    expect(result.output).toEqual(['c1: appended 1 bytes to /bin/sh (/bin/sh is a symlink to /bin/busybox in the container: followed inside the container\'s root, so it leads to the container\'s /bin/busybox, never the host\'s)']);
  });

  it('delete and replace-dir remove a planted link itself, never what it points to', async () => {
    const ctx = mounted({ '/etc/passwd': 'root', '/srv/keep/x': 'x' });
    ctx.sys.links.set(`${MERGED}/etc/issue`, '/etc/passwd');
    ctx.sys.links.set(`${MERGED}/usr/share/hello`, '../../../../srv/keep');
    const deleted = await editRootfs.run(ctx, { container: 'c1', op: 'delete', path: '/etc/issue' });
    const replaced = await editRootfs.run(ctx, { container: 'c1', op: 'replace-dir', path: '/usr/share/hello' });
    expect(deleted.output).toEqual(['c1: deleted /etc/issue (a symlink: the link itself, not what it points to)']);
    expect(replaced.output).toEqual(['c1: removed the symlink /usr/share/hello (not what it points to), and made an empty directory in its place']);
    expect(ctx.sys.links.size).toBe(0);
    expect(ctx.sys.files.get('/etc/passwd')).toBe('root');
    expect(ctx.sys.files.get('/srv/keep/x')).toBe('x');
    expect(ctx.sys.dirs.has(`${MERGED}/usr/share/hello`)).toBe(true);
  });

  it('refuses unless merged is an overlay mount in the container process\'s mount namespace', async () => {
    const ctx = mounted({}, '22 1 8:1 / / rw,relatime - ext4 /dev/sda1 rw\n');
    await expect(editRootfs.run(ctx, { container: 'c1', op: 'write', path: '/x', text: '' })).rejects.toThrow(/is not an overlay mount/);
    expect(ctx.sys.calls).toEqual([]);
  });

  it('refuses in the host\'s mount namespace, and paths that leave the root', async () => {
    const ctx = mounted();
    ctx.builder.state.mntUnshared = false;
    await expect(editRootfs.run(ctx, { container: 'c1', op: 'delete', path: '/etc/issue' })).rejects.toThrow(/host's mount namespace/);
    expect(() => editThroughOverlay(ctx.sys, { merged: MERGED, op: 'delete', path: '/etc/../../x' })).toThrow(/not a path inside/);
    expect(() => editThroughOverlay(ctx.sys, { merged: MERGED, op: 'replace-dir', path: '/' })).toThrow(/not a path inside/);
    expect(ctx.sys.calls).toEqual([]);
  });

  it('needs the container\'s overlay', async () => {
    const ctx = fakeLab();
    ctx.slots.use(layersSlot);
    await expect(editRootfs.run(ctx, { container: 'c2', op: 'write', path: '/x' })).rejects.toThrow(/c2 has no overlay mounted/);
  });
});
