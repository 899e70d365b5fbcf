// link-up: SIOCSIFFLAGS with IFF_UP, from the container process, in its network namespace.
import { describe, expect, it } from 'vitest';
import { linkUp } from '../../../src/actions/linkUp.js';
import { fakeLab } from '../../support/fakeLab.js';

describe('link-up', () => {
  it('sets the interface up from the container process; lo unless named', async () => {
    const ctx = fakeLab();
    await linkUp.run(ctx, linkUp.params.parse({}));
    await linkUp.run(ctx, { name: 'eth0' });
    expect(ctx.builder.requests.map((r) => (r.params as { action: string }).action)).toEqual(['link-up', 'link-up']);
    expect(ctx.sys.calls).toEqual([
      { via: 'kernel', call: 'setLinkUp', args: ['lo'] },
      { via: 'kernel', call: 'setLinkUp', args: ['eth0'] },
    ]);
  });
});
