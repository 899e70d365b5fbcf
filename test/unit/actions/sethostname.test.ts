// sethostname: one sethostname(2) in the container process.
import { describe, expect, it } from 'vitest';
import { sethostname } from '../../../src/actions/sethostname.js';
import { fakeLab } from '../../support/fakeLab.js';

describe('sethostname', () => {
  it('asks the container process for sethostname(2) with the name', async () => {
    const ctx = fakeLab();
    const result = await sethostname.run(ctx, { name: 'container' });
    expect(ctx.builder.requests).toEqual([{ method: 'step', params: { action: 'sethostname', params: { name: 'container' } } }]);
    expect(ctx.sys.calls).toEqual([{ via: 'kernel', call: 'sethostname', args: ['container'] }]);
    expect(result).toEqual({ log: [expect.objectContaining({ call: 'sethostname', args: ['container'] })], output: [] });
  });

  it('needs a UTS namespace of its own', () => {
    expect(sethostname.needs).toEqual(['own uts namespace']);
  });
});
