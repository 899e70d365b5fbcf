// The layers slot: nothing until unpack-layers fills it; the paths every layers step agrees on.
import { describe, expect, it } from 'vitest';
import { commitRef, layerDir, layersSlot, overlayPaths, requireContainer, requireLayers, unpackedLayers } from '../../../src/actions/layersState.js';
import { fakeLab } from '../../support/fakeLab.js';

describe('layers state', () => {
  it('is absent until a step makes the slot, and then holds what it was given', () => {
    const ctx = fakeLab();
    expect(unpackedLayers(ctx)).toBeUndefined();
    expect(() => requireLayers(ctx)).toThrow(/not unpacked yet/);
    Object.assign(ctx.slots.use(layersSlot), { imageDir: '/img', layerDirs: ['/s/layers/1'] });
    expect(requireLayers(ctx)).toMatchObject({ imageDir: '/img', layerDirs: ['/s/layers/1'], containers: {} });
    expect(() => requireContainer(ctx, 'c1')).toThrow(/c1 has no overlay mounted/);
    requireLayers(ctx).containers.c1 = overlayPaths('/s', 'c1');
    expect(requireContainer(ctx, 'c1').merged).toBe('/s/containers/c1/merged');
  });

  it('has no teardown: the overlays live and die with the container process\'s mount namespace', async () => {
    expect(layersSlot.teardown).toBeUndefined();
    const ctx = fakeLab();
    ctx.slots.use(layersSlot);
    expect(await ctx.slots.teardownAll()).toEqual([]);
    expect(unpackedLayers(ctx)).toBeUndefined();
  });

  it('names the directories and the commit tag from the session', () => {
    expect(layerDir('/s', 2)).toBe('/s/layers/2');
    expect(overlayPaths('/s', 'c2')).toEqual({ upper: '/s/containers/c2/upper', work: '/s/containers/c2/work', merged: '/s/containers/c2/merged' });
    expect(commitRef('abc')).toBe('committed-abc');
  });
});
