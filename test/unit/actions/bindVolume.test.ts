// bind-volume: the helper makes <session>/volume; the container process bind-mounts it in its own mount namespace.
import { describe, expect, it, vi } from 'vitest';
import { bindVolume } from '../../../src/actions/bindVolume.js';
import { dockerRun } from '../../../src/actions/dockerRunState.js';
import { fakeLab } from '../../support/fakeLab.js';
import { MS } from '../../../native/constants.js';

const S = '/run/container-lab/session-test';
const MERGED = `${S}/containers/c1/merged`;

// The layers lesson's state belongs to its own slot: the tests give c1's overlay through its accessors.
vi.mock('../../../src/actions/layersState.js', async (original) => ({
  ...(await original<typeof import('../../../src/actions/layersState.js')>()),
  requireContainer: () => ({ upper: `${S}/containers/c1/upper`, work: `${S}/containers/c1/work`, merged: MERGED }),
}));

const OVERLAY = `69 45 0:40 / ${MERGED} rw,relatime - overlay overlay rw,lowerdir=${S}/layers/2:${S}/layers/1\n`;

function lab(mountinfo = OVERLAY) {
  const ctx = fakeLab();
  ctx.sys.files.set('/proc/self/mountinfo', mountinfo);
  ctx.builder.state.mntUnshared = true;
  return ctx;
}

describe('bind-volume', () => {
  it('refuses a symlink the container put at the mount point: mount(2) would follow it on the host\'s root', async () => {
    const ctx = lab();
    ctx.sys.links.set(`${MERGED}/data`, '/etc');
    await expect(bindVolume.run(ctx, { target: '/data' })).rejects.toThrow('/data in the container is a symlink to /etc: the volume is not mounted there');
    expect(ctx.sys.calls.filter((c) => c.via === 'kernel')).toEqual([]);
  });

  it('makes the host directory, then the container process makes the mount point and mount(2)s with MS_BIND', async () => {
    const ctx = lab();
    const result = await bindVolume.run(ctx, { target: '/data' });
    expect(ctx.builder.requests).toEqual([{ method: 'step', params: { action: 'bind-volume', params: { target: '/data' }, given: { source: `${S}/volume`, merged: MERGED } } }]);
    expect(ctx.sys.calls).toEqual([
      { via: 'fs', call: 'mkdir', path: `${S}/volume`, mode: 0o755 },
      { via: 'inRoot', root: MERGED, call: 'mkdir', path: '/data', mode: 0o755 },
      { via: 'kernel', call: 'mount', args: [`${S}/volume`, `${MERGED}/data`, null, MS.BIND, null] },
    ]);
    expect(result.log.map((e) => e.call)).toEqual(['mkdir', 'mkdirat', 'mount']);
    expect(dockerRun(ctx).volume).toEqual({ host: `${S}/volume`, target: '/data', merged: MERGED });
    expect(result.output).toEqual([`host      ${S}/volume`, `container /data   (${MERGED}/data in the container's mount namespace)`]);
  });

  it('makes neither directory when both are there', async () => {
    const ctx = lab();
    ctx.sys.dirs.add(`${S}/volume`).add(`${MERGED}/data`);
    await bindVolume.run(ctx, { target: '/data' });
    expect(ctx.sys.calls.map((c) => c.via === 'kernel' || c.via === 'fs' ? c.call : c.via)).toEqual(['mount']);
  });

  it('refuses when merged is not an overlay mount in the container\'s mount namespace', async () => {
    const ctx = lab('');
    await expect(bindVolume.run(ctx, { target: '/data' })).rejects.toThrow(/is not an overlay mount/);
    expect(ctx.sys.calls.filter((c) => c.via === 'kernel')).toEqual([]);
  });

  it('refuses in the host\'s mount namespace', async () => {
    const ctx = lab();
    ctx.builder.state.mntUnshared = false;
    await expect(bindVolume.run(ctx, { target: '/data' })).rejects.toThrow(/still in the host's mount namespace/);
    expect(ctx.sys.calls.filter((c) => c.via === 'kernel')).toEqual([]);
  });

  it('takes one directory under / as the target', () => {
    expect(bindVolume.params.safeParse({ target: '/data' }).success).toBe(true);
    expect(bindVolume.params.safeParse({ target: '/../etc' }).success).toBe(false);
    expect(bindVolume.params.safeParse({ target: 'data' }).success).toBe(false);
  });
});
