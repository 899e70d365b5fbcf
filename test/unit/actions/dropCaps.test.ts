// drop-caps: Docker's 14 by number to PID 1 by default; another set as written; nothing once PID 1 has exec'd.
import { describe, expect, it } from 'vitest';
import { dropCaps } from '../../../src/actions/dropCaps.js';
import { containerByHand } from '../../../src/actions/containerInit.js';
import { byHandLab } from '../../support/containerByHand.js';

describe('drop-caps', () => {
  it('keeps Docker\'s 14 by default, sent as capability numbers', async () => {
    const ctx = byHandLab('pivoted', { dropCaps: { output: ['27 capabilities dropped'] } });
    const result = await dropCaps.run(ctx, dropCaps.params.parse({}));
    expect(ctx.builder.requests).toEqual([{ method: 'rootProcessCall', params: { role: 'init', request: {
      op: 'dropCaps', keep: [0, 1, 4, 3, 27, 13, 6, 7, 31, 8, 10, 18, 5, 29],
    } } }]);
    expect(result.output).toEqual(['27 capabilities dropped']);
  });

  it('takes another set by name, refuses an unknown name, and asks nothing of an exec\'d PID 1', async () => {
    const ctx = byHandLab('pivoted');
    await dropCaps.run(ctx, dropCaps.params.parse({ keep: ['CAP_KILL'] }));
    expect(ctx.builder.requests[0].params).toEqual({ role: 'init', request: { op: 'dropCaps', keep: [5] } });
    expect(dropCaps.params.safeParse({ keep: ['CAP_NOPE'] }).success).toBe(false);
    const execed = byHandLab('pivoted');
    containerByHand(execed)!.execed = true;
    await expect(dropCaps.run(execed, dropCaps.params.parse({}))).rejects.toThrow(/already exec'd/);
  });
});
