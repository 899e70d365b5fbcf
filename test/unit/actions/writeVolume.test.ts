// write-volume: one file written on one side of the volume, by the helper or by the container process.
import { describe, expect, it } from 'vitest';
import { writeVolume } from '../../../src/actions/writeVolume.js';
import { dockerRun } from '../../../src/actions/dockerRunState.js';
import { fakeLab } from '../../support/fakeLab.js';

const S = '/run/container-lab/session-test';
const MERGED = `${S}/containers/c1/merged`;

function withVolume(mounted = true) {
  const ctx = fakeLab();
  dockerRun(ctx).volume = { host: `${S}/volume`, target: '/data', merged: MERGED };
  ctx.sys.files.set('/proc/self/mountinfo', mounted ? `70 69 254:0 ${S}/volume ${MERGED}/data rw,relatime - ext4 /dev/vda rw\n` : '');
  ctx.builder.state.mntUnshared = true;
  ctx.sys.dirs.add(`${S}/volume`).add(`${MERGED}/data`);
  return ctx;
}

describe('write-volume', () => {
  it('host: the helper writes the file in the host directory; the container process is not asked', async () => {
    const ctx = withVolume();
    const result = await writeVolume.run(ctx, { side: 'host', file: 'index.html', text: '<h1>hi</h1>\n' });
    expect(ctx.sys.calls).toEqual([{ via: 'inRoot', root: `${S}/volume`, call: 'writeFile', path: 'index.html', data: '<h1>hi</h1>\n' }]);
    expect(ctx.builder.requests).toEqual([]);
    expect(result.log.map((e) => e.call)).toEqual(['openat2']);
    expect(result.output).toEqual([`host: wrote 12 bytes to ${S}/volume/index.html`]);
  });

  it('container: the container process writes through the bind mount, in its mount namespace', async () => {
    const ctx = withVolume();
    const result = await writeVolume.run(ctx, { side: 'container', file: 'a.txt', text: 'inside\n' });
    expect(ctx.builder.requests).toEqual([{ method: 'step', params: { action: 'write-volume', params: { side: 'container', file: 'a.txt', text: 'inside\n' }, given: { merged: MERGED, target: '/data' } } }]);
    expect(ctx.sys.calls).toEqual([{ via: 'inRoot', root: MERGED, call: 'writeFile', path: '/data/a.txt', data: 'inside\n' }]);
    expect(result.output).toEqual(['container: wrote 7 bytes to /data/a.txt']);
  });

  it('a symlink the container planted in the volume is followed inside the volume on the host side, and said so', async () => {
    const ctx = withVolume();
    ctx.sys.links.set(`${S}/volume/index.html`, '/etc/passwd');
    ctx.sys.dirs.add(`${S}/volume/etc`);
    const result = await writeVolume.run(ctx, { side: 'host', file: 'index.html', text: 'x' });
    expect(ctx.sys.files.get(`${S}/volume/etc/passwd`)).toBe('x');
    expect(ctx.sys.files.has('/etc/passwd')).toBe(false);
    expect(result.output[1]).toBe('index.html is a symlink to /etc/passwd in the volume: followed inside the volume\'s root, so it leads to the volume\'s /etc/passwd, never the host\'s');
  });

  it('container: refuses when the volume is not mounted in the container\'s mount namespace', async () => {
    const ctx = withVolume(false);
    await expect(writeVolume.run(ctx, { side: 'container', file: 'a.txt', text: 'x' })).rejects.toThrow(/is not a mount point/);
    expect(ctx.sys.calls).toEqual([]);
  });

  it('needs a volume first', async () => {
    await expect(writeVolume.run(fakeLab(), { side: 'host', file: 'a.txt', text: 'x' })).rejects.toThrow(/no volume yet/);
  });
});
