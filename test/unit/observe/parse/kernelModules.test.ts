// /proc/filesystems and depmod's module lists: which file systems are registered, which modules exist.
import { describe, expect, it } from 'vitest';
import { listsModule, parseFilesystems } from '../../../../src/observe/parse/kernelModules.js';

describe('parseFilesystems', () => {
  it('takes the type after the optional nodev flag', () => {
    expect(parseFilesystems('nodev\tsysfs\n\text4\nnodev\toverlay\n')).toEqual(['sysfs', 'ext4', 'overlay']);
    expect(parseFilesystems('')).toEqual([]);
  });
});

describe('listsModule', () => {
  it('finds a module in modules.dep with any compression, and in modules.builtin', () => {
    for (const suffix of ['', '.xz', '.gz', '.zst']) {
      expect(listsModule(`kernel/fs/fuse/cuse.ko${suffix}:\nkernel/fs/overlayfs/overlay.ko${suffix}:\n`, 'overlay'), suffix).toBe(true);
    }
    expect(listsModule('kernel/fs/ext4/ext4.ko\nkernel/fs/overlayfs/overlay.ko\n', 'overlay')).toBe(true);
  });

  it('does not take a dependency, another module with the name inside, or a different suffix', () => {
    expect(listsModule('kernel/fs/foo/foo.ko: kernel/fs/overlayfs/overlay.ko\n', 'overlay')).toBe(false);
    expect(listsModule('kernel/fs/x/myoverlay.ko:\nkernel/fs/x/overlay_ext.ko:\n', 'overlay')).toBe(false);
    expect(listsModule('kernel/fs/overlayfs/overlay.o:\n', 'overlay')).toBe(false);
  });

  it('matches - and _ alike, as modprobe does', () => {
    expect(listsModule('kernel/net/bridge/br_netfilter.ko:\n', 'br-netfilter')).toBe(true);
  });
});
