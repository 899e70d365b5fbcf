// unpack-layers: one directory per image layer, one untar line per layer, the slot filled.
import { describe, expect, it, vi } from 'vitest';

vi.mock('../../../src/image/labImage.js', () => ({
  ensureLabImage: vi.fn(async (opts: { onMessage?: (line: string) => void }) => {
    opts.onMessage?.('lab image: cached');
    return {
      dir: '/cache/image',
      layers: [
        { digest: 'sha256:' + 'a'.repeat(64), size: 2048, createdBy: 'COPY busybox /', blob: '/cache/image/blobs/sha256/' + 'a'.repeat(64) },
        { digest: 'sha256:' + 'b'.repeat(64), size: 512, createdBy: 'COPY hello /usr', blob: '/cache/image/blobs/sha256/' + 'b'.repeat(64) },
      ],
    };
  }),
}));
vi.mock('../../../src/image/unpack.js', () => ({
  unpackLayerSync: vi.fn((_layer: unknown, dest: string) => (dest.endsWith('/1') ? ['bin', 'bin/sh', 'etc'] : ['usr'])),
}));

import { unpackLayers } from '../../../src/actions/unpackLayers.js';
import { unpackLayerSync } from '../../../src/image/unpack.js';
import { requireLayers } from '../../../src/actions/layersState.js';
import { fakeLab } from '../../support/fakeLab.js';

describe('unpack-layers', () => {
  it('makes <session>/layers/<n> per layer, bottom first, untars into each and remembers them', async () => {
    const ctx = fakeLab();
    const result = await unpackLayers.run(ctx, {});
    const s = ctx.session.dir;
    expect(ctx.sys.calls).toEqual([
      { via: 'fs', call: 'mkdir', path: `${s}/layers`, mode: 0o755 },
      { via: 'fs', call: 'mkdir', path: `${s}/layers/1`, mode: 0o755 },
      { via: 'fs', call: 'mkdir', path: `${s}/layers/2`, mode: 0o755 },
    ]);
    expect(vi.mocked(unpackLayerSync).mock.calls.map(([, dest]) => dest)).toEqual([`${s}/layers/1`, `${s}/layers/2`]);
    expect(result.log.map((e) => e.call)).toEqual(['mkdir', 'mkdir', 'untar', 'mkdir', 'untar']);
    expect(result.log[2].ret).toBe('3');
    expect(result.output[0]).toBe('lab image: cached');
    expect(result.output[1]).toMatch(new RegExp(`^layer 1: sha256:aaaa.*→ ${s}/layers/1, 3 entries$`));
    expect(result.output[2]).toMatch(/COPY busybox/);
    expect(requireLayers(ctx)).toEqual({
      imageDir: '/cache/image', layerDirs: [`${s}/layers/1`, `${s}/layers/2`],
      digests: ['sha256:' + 'a'.repeat(64), 'sha256:' + 'b'.repeat(64)], containers: {}, committed: undefined,
    });
  });

  it('keeps an existing layers directory', async () => {
    const ctx = fakeLab();
    ctx.sys.dirs.add(`${ctx.session.dir}/layers`);
    await unpackLayers.run(ctx, {});
    expect(ctx.sys.calls.filter((c) => c.via === 'fs').map((c) => (c as { path: string }).path)).toEqual([`${ctx.session.dir}/layers/1`, `${ctx.session.dir}/layers/2`]);
  });

  it('provides the image layers', () => {
    expect(unpackLayers.provides).toEqual(['image layers']);
  });
});
