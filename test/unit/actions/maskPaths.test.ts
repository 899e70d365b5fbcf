// mask-paths: one maskPaths request to PID 1 under the overlay, before it pivots or execs.
import { describe, expect, it } from 'vitest';
import { maskPaths } from '../../../src/actions/maskPaths.js';
import { containerByHand } from '../../../src/actions/containerInit.js';
import { layersSlot, overlayPaths } from '../../../src/actions/layersState.js';
import { byHandLab, MERGED } from '../../support/containerByHand.js';

function withOverlay<T extends ReturnType<typeof byHandLab>>(ctx: T): T {
  ctx.slots.use(layersSlot).containers.c1 = overlayPaths(ctx.session.dir, 'c1');
  return ctx;
}

describe('mask-paths', () => {
  it('defaults to runc\'s /proc/kcore, /proc/keys, /proc/timer_list masked and /proc/sys read-only', async () => {
    const ctx = withOverlay(byHandLab('started', { maskPaths: { output: ['/proc/sys: read-only'] } }));
    const result = await maskPaths.run(ctx, maskPaths.params.parse({}));
    expect(ctx.builder.requests).toEqual([{ method: 'rootProcessCall', params: { role: 'init', request: {
      op: 'maskPaths', under: MERGED, masked: ['/proc/kcore', '/proc/keys', '/proc/timer_list'], readonly: ['/proc/sys'],
    } } }]);
    expect(result.output).toEqual(['/proc/sys: read-only']);
  });

  it('refuses ".." and a relative path at load time; not after pivot or exec', async () => {
    expect(maskPaths.params.safeParse({ masked: ['/proc/../etc/passwd'] }).success).toBe(false);
    expect(maskPaths.params.safeParse({ readonly: ['proc/sys'] }).success).toBe(false);
    await expect(maskPaths.run(withOverlay(byHandLab('pivoted')), maskPaths.params.parse({}))).rejects.toThrow(/pivoted already/);
    const execed = withOverlay(byHandLab('started'));
    containerByHand(execed)!.execed = true;
    await expect(maskPaths.run(execed, maskPaths.params.parse({}))).rejects.toThrow(/already exec'd/);
    expect(execed.builder.requests).toEqual([]);
  });
});
