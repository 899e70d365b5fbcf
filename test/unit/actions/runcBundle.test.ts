// runc-bundle: the lab image unpacked (mocked here), `runc spec` through ctx.sys, its config.json edited for the lab.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runcBundle } from '../../../src/actions/runcBundle.js';
import { chain } from '../../../src/actions/chainState.js';
import { runcLayout } from '../../../src/chain/runcLayout.js';
import { unpackRootfs } from '../../../src/image/labImage.js';
import { fakeLab } from '../../support/fakeLab.js';
import { RecordingSys } from '../../support/recordingSys.js';

const image = vi.hoisted(() => ({ manifestDigest: 'sha256:0123456789abcdef0123', layers: [{}, {}] }));
vi.mock('../../../native/findProgram.js', () => ({ whichProgram: () => '/usr/sbin/runc', findProgram: () => '/usr/sbin/runc' }));
vi.mock('../../../src/image/labImage.js', () => ({ ensureLabImage: vi.fn(async () => image), unpackRootfs: vi.fn(async () => {}) }));

const dir = mkdtempSync(join(tmpdir(), 'container-lab-runc-bundle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const l = runcLayout(dir, 'test', 'cgroupfs');
const RUNC = '/usr/sbin/runc';
const spec = readFileSync(join(__dirname, '../../fixtures/chain/runc/spec-1.1.5.json'), 'utf8');

/** The image's /bin/sleep is a link to /bin/busybox, an executable; runc spec writes runc 1.1.5's default. */
function lab(mode = 0o100755) {
  const sys = new RecordingSys({ files: { [`${l.rootfs}/bin/busybox`]: '' }, links: { [`${l.rootfs}/bin/sleep`]: '/bin/busybox' } });
  sys.modes.set(`${l.rootfs}/bin/busybox`, mode);
  sys.answer([RUNC, 'spec'], () => {
    sys.files.set(l.config, spec);
    return { status: 0 };
  });
  return fakeLab({ sys, session: { id: 'test', dir } });
}

describe('runc-bundle', () => {
  it('unpacks the image, runs runc spec, writes the lab\'s edits back', async () => {
    const ctx = lab();
    const result = await runcBundle.run(ctx, { args: ['/bin/sleep', '3600'] });
    expect(unpackRootfs).toHaveBeenCalledWith(image, l.rootfs);
    expect(ctx.sys.calls.map((c) => (c.via === 'program' ? c.argv : c.via === 'fs' ? [c.call, c.path] : c.via))).toEqual([
      [RUNC, 'spec', '--bundle', l.bundle],
      ['writeFile', l.config],
    ]);
    const written = JSON.parse(ctx.sys.files.get(l.config)!);
    expect(written.process.args).toEqual(['/bin/sleep', '3600']);
    expect(written.process.terminal).toBe(false);
    expect(written.hostname).toBe('container-lab');
    expect(written.linux.cgroupsPath).toBe('/container-lab-test-runc/cl-test');
    expect(written.mounts).toEqual(JSON.parse(spec).mounts);
    expect(result.log.map((e) => e.call)).toEqual(['unpack', RUNC, 'write']);
    expect(result.output[0]).toBe(`rootfs: the lab image (2 layers) unpacked into ${l.rootfs}`);
    expect(result.output).toContain('  process.args: ["/bin/sleep","3600"]');
    expect(chain(ctx).view.blocks?.[0].title).toBe('config.json');
    expect(chain(ctx).view.blocks?.[0].lines).toContain('cgroupsPath: /container-lab-test-runc/cl-test');
  });

  it('refuses a program the image does not have, or one that is not executable, before runc spec', async () => {
    const missing = lab();
    await expect(runcBundle.run(missing, { args: ['/bin/nothing'] })).rejects.toThrow('/bin/nothing is not a program in the lab image');
    expect(missing.sys.calls).toEqual([]);
    const plain = lab(0o100644);
    await expect(runcBundle.run(plain, { args: ['/bin/sleep', '1'] })).rejects.toThrow('/bin/sleep is not a program in the lab image');
  });

  it('fails when runc spec does', async () => {
    const ctx = lab();
    ctx.sys.programs.unshift({ match: (argv) => argv[1] === 'spec', answer: { status: 1, stderr: 'File config.json exists. Remove it first\n' } });
    await expect(runcBundle.run(ctx, { args: ['/bin/sleep', '3600'] })).rejects.toThrow('runc spec failed (exit 1): File config.json exists. Remove it first');
  });

  it('provides the bundle', () => {
    expect(runcBundle.provides).toEqual(['runc bundle']);
  });
});
