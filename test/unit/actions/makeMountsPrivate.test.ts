// make-mounts-private: mount(NULL, "/", NULL, MS_REC|MS_PRIVATE) in the container's own mount namespace only.
import { describe, expect, it } from 'vitest';
import { makeMountsPrivate } from '../../../src/actions/makeMountsPrivate.js';
import { fakeLab } from '../../support/fakeLab.js';
import { MS } from '../../../native/constants.js';

describe('make-mounts-private', () => {
  it('makes every mount private, recursively, from "/"', async () => {
    const ctx = fakeLab();
    ctx.builder.state.mntUnshared = true;
    const result = await makeMountsPrivate.run(ctx, {});
    expect(ctx.sys.calls).toEqual([{ via: 'kernel', call: 'mount', args: [null, '/', null, MS.REC | MS.PRIVATE, null] }]);
    expect(result.log.map((e) => e.call)).toEqual(['mount']);
  });

  it('refuses while the container process is in the host\'s mount namespace', async () => {
    const ctx = fakeLab();
    await expect(makeMountsPrivate.run(ctx, {})).rejects.toThrow(/still in the host's mount namespace/);
    expect(ctx.sys.calls).toEqual([]);
  });
});
