// builderCall and inContainer: the two ways an action asks the container process, as requests.
import { describe, expect, it } from 'vitest';
import { builderCall, inContainer } from '../../../src/actions/builderCall.js';
import { fakeLab } from '../../support/fakeLab.js';

describe('builderCall / inContainer', () => {
  it('builderCall sends the method and params as they are', async () => {
    const ctx = fakeLab();
    ctx.builder.reply('identity', { hostname: 'c', release: '6.1' });
    expect(await builderCall(ctx, 'identity')).toEqual({ log: [], hostname: 'c', release: '6.1' });
    expect(ctx.builder.requests).toEqual([{ method: 'identity', params: {} }]);
  });

  it('inContainer names the action, and sends `given` only when there is one', async () => {
    const ctx = fakeLab();
    ctx.builder.reply('step', {});
    await inContainer(ctx, 'sethostname', { name: 'x' });
    await inContainer(ctx, 'mount-tmpfs', { size: '4m' }, { target: '/t' });
    expect(ctx.builder.requests).toEqual([
      { method: 'step', params: { action: 'sethostname', params: { name: 'x' } } },
      { method: 'step', params: { action: 'mount-tmpfs', params: { size: '4m' }, given: { target: '/t' } } },
    ]);
  });
});
