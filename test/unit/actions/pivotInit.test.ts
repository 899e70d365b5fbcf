// pivot-init: PID 1 is asked to pivot_root into the container's merged overlay directory.
import { describe, expect, it, vi } from 'vitest';
import { pivotInit } from '../../../src/actions/pivotInit.js';
import { containerByHand } from '../../../src/actions/containerInit.js';
import { overlayPaths } from '../../../src/actions/layersState.js';
import { LabError } from '../../../src/errors.js';
import { byHandLab, MERGED } from '../../support/containerByHand.js';
import { rootChangerLab } from '../../support/rootChanger.js';

// The layers lesson's state is another family's: only its accessor is stood in for.
vi.mock('../../../src/actions/layersState.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/actions/layersState.js')>();
  return {
    ...real,
    requireContainer: (ctx: { session: { dir: string } }, container: string) => {
      if (container !== 'c1') throw new LabError(`container ${container} has no overlay mounted`);
      return real.overlayPaths(ctx.session.dir, container);
    },
  };
});

describe('pivot-init', () => {
  it('sends PID 1 one pivot request into the overlay, and remembers it', async () => {
    const ctx = byHandLab('started', { pivot: { output: ['ls /: bin etc proc'] } });
    const result = await pivotInit.run(ctx, { container: 'c1' });
    expect(overlayPaths(ctx.session.dir, 'c1').merged).toBe(MERGED);
    expect(ctx.builder.requests).toEqual([{ method: 'rootProcessCall', params: { role: 'init', request: { op: 'pivot', newRoot: MERGED, putOld: `${MERGED}/.old_root` } } }]);
    expect(containerByHand(ctx)!.merged).toBe(MERGED);
    expect(result.output[0]).toBe(`PID 1 (host PID 4001) now has ${MERGED} as "/", in a mount namespace of its own`);
    expect(result.stdout).toEqual(['ls /: bin etc proc']);
  });

  it('a failed pivot leaves PID 1 unpivoted; no overlay or no PID 1: nothing is asked', async () => {
    const ctx = byHandLab('started', { pivot: new LabError('pivot_root: EINVAL') });
    await expect(pivotInit.run(ctx, { container: 'c1' })).rejects.toThrow(/EINVAL/);
    expect(containerByHand(ctx)!.merged).toBeUndefined();
    const other = byHandLab('started');
    await expect(pivotInit.run(other, { container: 'c2' })).rejects.toThrow(/no overlay mounted/);
    const none = rootChangerLab();
    await expect(pivotInit.run(none, { container: 'c1' })).rejects.toThrow(/no PID 1 yet/);
    expect([...other.builder.requests, ...none.builder.requests]).toEqual([]);
  });
});
