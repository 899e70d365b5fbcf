// commit-layer: the container's upperdir packed onto the image, tagged for this session.
import { describe, expect, it, vi } from 'vitest';

vi.mock('../../../src/image/commit.js', () => ({
  commitUpperDir: vi.fn((opts: { ref: string }) => ({
    ref: opts.ref,
    layerWritten: true,
    layer: { digest: 'sha256:' + 'c'.repeat(64), diffId: 'sha256:' + 'd'.repeat(64), size: 300 },
    image: { manifestDigest: 'sha256:' + 'e'.repeat(64), configDigest: 'sha256:' + 'f'.repeat(64), layers: [{}, {}, {}] },
    entries: [{ path: 'etc', type: 'dir' }, { path: 'etc/motd', type: 'file' }, { path: 'etc/.wh.issue', type: 'file' }],
  })),
}));

import { commitLayer } from '../../../src/actions/commitLayer.js';
import { commitUpperDir } from '../../../src/image/commit.js';
import { layersSlot, overlayPaths, requireLayers } from '../../../src/actions/layersState.js';
import { fakeLab } from '../../support/fakeLab.js';

describe('commit-layer', () => {
  it('packs the container\'s upperdir onto the image under committed-<session id>', async () => {
    const ctx = fakeLab();
    Object.assign(ctx.slots.use(layersSlot), { imageDir: '/cache/image', layerDirs: [], digests: [], containers: { c1: overlayPaths(ctx.session.dir, 'c1') } });
    const result = await commitLayer.run(ctx, { container: 'c1' });
    expect(vi.mocked(commitUpperDir).mock.calls[0][0]).toEqual({
      imageDir: '/cache/image', upper: `${ctx.session.dir}/containers/c1/upper`, ref: 'committed-test',
      createdBy: 'container-lab commit: upperdir of container c1 (session test)',
    });
    expect(requireLayers(ctx).committed).toEqual({ ref: 'committed-test', manifestDigest: 'sha256:' + 'e'.repeat(64), layerDigest: 'sha256:' + 'c'.repeat(64) });
    expect(result.output[1].trim()).toBe('etc/motd  etc/.wh.issue');
    expect(result.output[3]).toMatch(/3 layers, tagged "committed-test" in \/cache\/image\/index.json$/);
  });

  it('rootless: the layer records owners through the container process\'s uid_map and gid_map', async () => {
    const ctx = fakeLab({ rootless: true });
    Object.assign(ctx.slots.use(layersSlot), { imageDir: '/cache/image', layerDirs: [], digests: [], containers: { c1: overlayPaths(ctx.session.dir, 'c1') } });
    ctx.sys.files.set(`/proc/${ctx.builder.pid}/uid_map`, '         0      65534          1\n');
    ctx.sys.files.set(`/proc/${ctx.builder.pid}/gid_map`, '         0      65534          1\n');
    await commitLayer.run(ctx, { container: 'c1' });
    const ids = vi.mocked(commitUpperDir).mock.calls.at(-1)![0].ids!;
    expect(ids(65534, 65534)).toEqual({ uid: 0, gid: 0 });
    expect(ids(1000, 0)).toEqual({ uid: 65534, gid: 65534 }); // not in the map: the overflow id
  });

  it('refuses a container with no overlay', async () => {
    const ctx = fakeLab();
    ctx.slots.use(layersSlot);
    await expect(commitLayer.run(ctx, { container: 'c2' })).rejects.toThrow(/c2 has no overlay mounted/);
  });
});
