// mount-proc-in-init: one mountProc request to PID 1, under the overlay's merged directory, before it pivots or execs.
import { describe, expect, it } from 'vitest';
import { mountProcInInit } from '../../../src/actions/mountProcInInit.js';
import { containerByHand } from '../../../src/actions/containerInit.js';
import { layersSlot, overlayPaths } from '../../../src/actions/layersState.js';
import { byHandLab, MERGED } from '../../support/containerByHand.js';

/** The overlay of container c1, as mount-overlay records it in the layers family's slot. */
function withOverlay<T extends ReturnType<typeof byHandLab>>(ctx: T): T {
  ctx.slots.use(layersSlot).containers.c1 = overlayPaths(ctx.session.dir, 'c1');
  return ctx;
}

describe('mount-proc-in-init', () => {
  it('asks PID 1, not yet pivoted, to mount proc under the overlay (runc\'s order)', async () => {
    const ctx = withOverlay(byHandLab('started'));
    const result = await mountProcInInit.run(ctx, { container: 'c1' });
    expect(ctx.builder.requests).toEqual([{ method: 'rootProcessCall', params: { role: 'init', request: { op: 'mountProc', under: MERGED } } }]);
    expect(result.output).toEqual([`proc mounted on ${MERGED}/proc by PID 1 (host PID 4001), in a mount namespace of its own`]);
  });

  it('not after pivot-init, not after exec-init, not without the overlay', async () => {
    await expect(mountProcInInit.run(withOverlay(byHandLab('pivoted')), { container: 'c1' })).rejects.toThrow(/pivoted already: proc goes on the rootfs before pivot_root/);
    const execed = withOverlay(byHandLab('started'));
    containerByHand(execed)!.execed = true;
    await expect(mountProcInInit.run(execed, { container: 'c1' })).rejects.toThrow(/already exec'd/);
    const other = withOverlay(byHandLab('started'));
    await expect(mountProcInInit.run(other, { container: 'c2' })).rejects.toThrow(/no overlay mounted/);
    expect([...execed.builder.requests, ...other.builder.requests]).toEqual([]);
  });
});
