// load-image: one tar in the session dir, handed to docker load and ctr images import, each logged.
import { describe, expect, it, vi } from 'vitest';
import { loadImage } from '../../../src/actions/loadImage.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chainLab } from '../../support/fakeChain.js';

vi.mock('../../../src/image/labImage.js', () => ({
  ensureLabImage: vi.fn(async (o: { onMessage?: (l: string) => void }) => {
    o.onMessage?.('lab image: rebuilt (busybox-static appeared)');
    return { layers: [{}, {}], manifestDigest: 'sha256:0123456789abcdef0123456789abcdef' };
  }),
}));
vi.mock('../../../src/chain/imageArchive.js', async (actual) => ({
  ...(await actual<typeof import('../../../src/chain/imageArchive.js')>()),
  labImageArchive: vi.fn(() => Buffer.from('tar bytes')),
}));

describe('load-image', () => {
  it('writes the tar, docker load -i and ctr images import it, both logged', async () => {
    const { ctx, d } = chainLab();
    const archive = join(ctx.session.dir, 'lab-image.tar');
    ctx.sys.answer(d.dockerArgv(['load']), { stdout: 'Loaded image: container-lab/lab:latest\n' });
    ctx.sys.answer(d.ctrArgv('default', ['images', 'import']), { stdout: 'unpacking docker.io/container-lab/lab:latest (sha256:01…)...done\n' });
    const result = await loadImage.run(ctx, { into: ['docker', 'containerd'], namespace: 'default' });
    expect(readFileSync(archive, 'utf8')).toBe('tar bytes');
    expect(ctx.sys.calls).toEqual([
      { via: 'program', argv: d.dockerArgv(['load', '-i', archive]) },
      { via: 'program', argv: d.ctrArgv('default', ['images', 'import', archive]) },
    ]);
    expect(result.log.map((e) => e.call)).toEqual(['write', '/usr/bin/docker', '/usr/bin/ctr']);
    expect(result.output).toEqual([
      'lab image: rebuilt (busybox-static appeared)',
      `${archive}: 2 layers, 0.0 MB, manifest sha256:0123456789ab…`,
      'Loaded image: container-lab/lab:latest',
      'unpacking docker.io/container-lab/lab:latest (sha256:01…)...done',
      'image name: container-lab/lab:latest',
    ]);
  });

  it('fails in docker load\'s words', async () => {
    const { ctx, d } = chainLab();
    ctx.sys.answer(d.dockerArgv(['load']), { status: 1, stderr: 'open /x: no space left on device' });
    await expect(loadImage.run(ctx, { into: ['docker'], namespace: 'default' })).rejects.toThrow(/docker load failed \(exit 1\): open \/x: no space left on device/);
  });

  it('needs dockerd to load into docker', async () => {
    const { ctx } = chainLab({ dockerd: false });
    await expect(loadImage.run(ctx, { into: ['docker'], namespace: 'default' })).rejects.toThrow(/dockerd is not running/);
  });
});
