// no-new-privs: one noNewPrivs request to PID 1 while it takes requests.
import { describe, expect, it } from 'vitest';
import { noNewPrivs } from '../../../src/actions/noNewPrivs.js';
import { byHandLab } from '../../support/containerByHand.js';
import { fakeLab } from '../../support/fakeLab.js';

describe('no-new-privs', () => {
  it('asks PID 1 to set it and says so', async () => {
    const ctx = byHandLab('pivoted');
    const result = await noNewPrivs.run(ctx, {});
    expect(ctx.builder.requests).toEqual([{ method: 'rootProcessCall', params: { role: 'init', request: { op: 'noNewPrivs' } } }]);
    expect(result.output).toEqual(['no_new_privs set on PID 1 (host PID 4001)']);
  });

  it('needs PID 1', async () => {
    await expect(noNewPrivs.run(fakeLab(), {})).rejects.toThrow(/no PID 1 yet/);
  });
});
