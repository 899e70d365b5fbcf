// mount-tmpfs: the helper makes the directory, the container process mounts on it.
import { describe, expect, it } from 'vitest';
import { mountTmpfs, tmpfsTarget } from '../../../src/actions/mountTmpfs.js';
import { fakeLab } from '../../support/fakeLab.js';
import { RecordingSys } from '../../support/recordingSys.js';
import { MS } from '../../../native/constants.js';

const target = '/run/container-lab/session-test/tmpfs';

describe('mount-tmpfs', () => {
  it('makes <session>/tmpfs, then mounts a tmpfs of the size there from the container process', async () => {
    const ctx = fakeLab();
    ctx.builder.state.mntUnshared = true;
    const result = await mountTmpfs.run(ctx, mountTmpfs.params.parse({}));
    expect(tmpfsTarget(ctx.session.dir)).toBe(target);
    expect(ctx.sys.calls).toEqual([
      { via: 'fs', call: 'mkdir', path: target, mode: 0o755 },
      { via: 'kernel', call: 'mount', args: ['container-lab', target, 'tmpfs', MS.NOSUID | MS.NODEV, 'size=4m,mode=0755'] },
    ]);
    expect(result.log.map((e) => e.call)).toEqual(['mkdir', 'mount']);
    expect(result.output).toEqual([`tmpfs mounted on ${target}`]);
  });

  it('keeps a directory that is already there', async () => {
    const ctx = fakeLab({ sys: new RecordingSys({ dirs: [target] }) });
    ctx.builder.state.mntUnshared = true;
    await mountTmpfs.run(ctx, { size: '1m' });
    expect(ctx.sys.calls.map((c) => c.via)).toEqual(['kernel']);
  });

  it('refuses to mount in the host\'s mount namespace', async () => {
    const ctx = fakeLab();
    await expect(mountTmpfs.run(ctx, { size: '1m' })).rejects.toThrow(/refusing to mount/);
    expect(ctx.sys.calls.some((c) => c.via === 'kernel')).toBe(false);
  });
});
