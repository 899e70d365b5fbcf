// prepare-rootfs: the helper unpacks and makes /proc; the container process bind-mounts the rootfs onto itself.
import { describe, expect, it, vi } from 'vitest';
import { prepareRootfs } from '../../../src/actions/prepareRootfs.js';
import { fakeLab } from '../../support/fakeLab.js';
import { RecordingSys } from '../../support/recordingSys.js';
import { MS } from '../../../native/constants.js';

const image = {
  dir: '/cache/image', manifestDigest: 'sha256:0123456789abcdef', configDigest: 'sha256:c', cmd: ['/bin/sh'], source: 'busybox',
  layers: [{ digest: 'sha256:aaaaaaaaaaaa1111', diffId: 'sha256:d', size: 3 << 20, blob: '/b', createdBy: 'busybox' }],
};
const unpacked: Array<[unknown, string]> = [];

vi.mock('../../../src/image/labImage.js', () => ({
  ensureLabImage: async (opts: { onMessage?: (line: string) => void }) => {
    opts.onMessage?.('lab image: built');
    return image;
  },
  unpackRootfs: async (img: unknown, dest: string) => void unpacked.push([img, dest]),
}));

const ROOTFS = '/run/container-lab/session-test/rootfs';

describe('prepare-rootfs', () => {
  it('unpacks into <session>/rootfs, adds /proc, then bind-mounts the rootfs onto itself in the container process', async () => {
    const ctx = fakeLab();
    ctx.builder.state.mntUnshared = true;
    const result = await prepareRootfs.run(ctx, {});
    expect(unpacked.at(-1)).toEqual([image, ROOTFS]);
    expect(ctx.sys.calls).toEqual([
      { via: 'fs', call: 'mkdir', path: ROOTFS, mode: 0o755 },
      { via: 'fs', call: 'mkdir', path: `${ROOTFS}/proc`, mode: 0o555 },
      { via: 'kernel', call: 'mount', args: [ROOTFS, ROOTFS, null, MS.BIND, null] },
    ]);
    expect(ctx.builder.requests).toEqual([{ method: 'step', params: { action: 'prepare-rootfs', params: {}, given: { rootfs: `${ctx.session.dir}/rootfs` } } }]);
    expect(result.log.map((e) => e.call)).toEqual(['mkdir', 'unpack', 'mkdir', 'mount']);
    expect(result.output).toEqual([
      'lab image: built',
      'image 0123456789ab (busybox), 1 layers:',
      '  aaaaaaaaaaaa 3.0 MiB  busybox',
      `unpacked into ${ROOTFS}, now a mount point (bind mount onto itself)`,
    ]);
  });

  it('leaves an existing rootfs and its /proc alone', async () => {
    const ctx = fakeLab({ sys: new RecordingSys({ dirs: [ROOTFS, `${ROOTFS}/proc`] }) });
    ctx.builder.state.mntUnshared = true;
    await prepareRootfs.run(ctx, {});
    expect(ctx.sys.calls).toEqual([{ via: 'kernel', call: 'mount', args: [ROOTFS, ROOTFS, null, MS.BIND, null] }]);
  });

  it('refuses to mount while the container process is in the host\'s mount namespace', async () => {
    const ctx = fakeLab();
    await expect(prepareRootfs.run(ctx, {})).rejects.toThrow(/still in the host's mount namespace/);
    expect(ctx.sys.calls.filter((c) => c.via === 'kernel')).toEqual([]);
  });
});
