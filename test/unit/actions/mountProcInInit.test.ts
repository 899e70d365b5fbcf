// mount-proc-in-init: one mountProc request to PID 1, once it has pivoted and before it execs.
import { describe, expect, it } from 'vitest';
import { mountProcInInit } from '../../../src/actions/mountProcInInit.js';
import { containerByHand } from '../../../src/actions/containerInit.js';
import { byHandLab } from '../../support/containerByHand.js';

describe('mount-proc-in-init', () => {
  it('asks pivoted PID 1 to mount proc', async () => {
    const ctx = byHandLab('pivoted');
    const result = await mountProcInInit.run(ctx, {});
    expect(ctx.builder.requests).toEqual([{ method: 'rootProcessCall', params: { role: 'init', request: { op: 'mountProc' } } }]);
    expect(result.output).toEqual(['proc mounted on /proc by PID 1 (host PID 4001)']);
  });

  it('not before pivot-init, not after exec-init', async () => {
    await expect(mountProcInInit.run(byHandLab('started'), {})).rejects.toThrow(/not pivoted/);
    const execed = byHandLab('pivoted');
    containerByHand(execed)!.execed = true;
    await expect(mountProcInInit.run(execed, {})).rejects.toThrow(/already exec'd/);
    expect(execed.builder.requests).toEqual([]);
  });
});
