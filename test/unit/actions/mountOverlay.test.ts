// mount-overlay: the helper makes the container's directories; the container process mounts the overlay.
import { describe, expect, it } from 'vitest';
import { mountOverlay, overlayOptions } from '../../../src/actions/mountOverlay.js';
import { layersSlot, requireContainer } from '../../../src/actions/layersState.js';
import { fakeLab } from '../../support/fakeLab.js';

function unpacked() {
  const ctx = fakeLab();
  const s = ctx.session.dir;
  ctx.sys.dirs.add(s);
  Object.assign(ctx.slots.use(layersSlot), { imageDir: '/img', layerDirs: [`${s}/layers/1`, `${s}/layers/2`], digests: [], containers: {} });
  return { ctx, s };
}

describe('mount-overlay', () => {
  it('makes upper, work and merged, then asks the container process for mount(2) with the layers top first', async () => {
    const { ctx, s } = unpacked();
    ctx.builder.state.mntUnshared = true;
    const result = await mountOverlay.run(ctx, { container: 'c1' });
    const c = `${s}/containers/c1`;
    expect(ctx.builder.requests).toEqual([{
      method: 'step',
      params: { action: 'mount-overlay', params: { container: 'c1' }, given: { lower: [`${s}/layers/2`, `${s}/layers/1`], upper: `${c}/upper`, work: `${c}/work`, merged: `${c}/merged` } },
    }]);
    expect(ctx.sys.calls).toEqual([
      { via: 'fs', call: 'mkdir', path: `${s}/containers`, mode: 0o755 },
      { via: 'fs', call: 'mkdir', path: c, mode: 0o755 },
      { via: 'fs', call: 'mkdir', path: `${c}/upper`, mode: 0o755 },
      { via: 'fs', call: 'mkdir', path: `${c}/work`, mode: 0o755 },
      { via: 'fs', call: 'mkdir', path: `${c}/merged`, mode: 0o755 },
      { via: 'kernel', call: 'mount', args: ['overlay', `${c}/merged`, 'overlay', 0, `lowerdir=${s}/layers/2:${s}/layers/1,upperdir=${c}/upper,workdir=${c}/work`] },
    ]);
    expect(result.log.map((e) => e.call)).toEqual(['mkdir', 'mkdir', 'mkdir', 'mkdir', 'mkdir', 'mount']);
    expect(result.output[0]).toBe('lowerdir  layers/2 : layers/1   (read-only, top first)');
    expect(requireContainer(ctx, 'c1').merged).toBe(`${c}/merged`);
  });

  it('rootless: mounts with userxattr (trusted.* xattrs are the host root\'s) and says so', async () => {
    const { ctx, s } = unpacked();
    ctx.rootless = true;
    ctx.builder.state.mntUnshared = true;
    const result = await mountOverlay.run(ctx, { container: 'c1' });
    const c = `${s}/containers/c1`;
    expect(ctx.sys.calls.at(-1)).toEqual({ via: 'kernel', call: 'mount', args: ['overlay', `${c}/merged`, 'overlay', 0, `lowerdir=${s}/layers/2:${s}/layers/1,upperdir=${c}/upper,workdir=${c}/work,userxattr`] });
    expect(result.output.at(-1)).toMatch(/^userxattr \(rootless: .*user.overlay.opaque/);
  });

  it('rootless, a kernel without unprivileged overlayfs: the error names Linux 5.11 and this kernel', () => {
    const { ctx, s } = unpacked();
    ctx.builder.state.mntUnshared = true;
    ctx.sys.files.set('/proc/sys/kernel/osrelease', '5.10.0-28-amd64\n');
    ctx.sys.failing.set('mount', 1); // EPERM
    const given = { lower: [`${s}/layers/1`], upper: `${s}/u`, work: `${s}/w`, merged: `${s}/m` };
    const side = { sys: ctx.sys, state: ctx.builder.state };
    expect(() => mountOverlay.inContainer!(side, { container: 'c1' }, { ...given, userxattr: true })).toThrow(expect.objectContaining({ hint: expect.stringMatching(/Linux 5\.11 or later; this kernel is 5\.10\.0-28-amd64/) }));
    // as root the kernel's own error goes through unchanged
    expect(() => mountOverlay.inContainer!(side, { container: 'c1' }, given)).toThrow(/^mount: EPERM/);
  });

  it('refuses in the host\'s mount namespace, and mounts nothing', async () => {
    const { ctx } = unpacked();
    await expect(mountOverlay.run(ctx, { container: 'c1' })).rejects.toThrow(/still in the host's mount namespace/);
    expect(ctx.sys.calls.some((c) => c.via === 'kernel')).toBe(false);
    expect(() => requireContainer(ctx, 'c1')).toThrow();
  });

  it('refuses a second overlay for the same container, and a container part not given its directories', async () => {
    const { ctx } = unpacked();
    ctx.builder.state.mntUnshared = true;
    await mountOverlay.run(ctx, { container: 'c1' });
    await expect(mountOverlay.run(ctx, { container: 'c1' })).rejects.toThrow(/already has its overlay mounted/);
    expect(() => mountOverlay.inContainer!({ sys: ctx.sys, state: ctx.builder.state }, { container: 'c2' }, { lower: [] })).toThrow();
  });

  it('needs the layers unpacked first', async () => {
    await expect(mountOverlay.run(fakeLab(), { container: 'c1' })).rejects.toThrow(/not unpacked yet/);
  });

  it('builds the option string, refusing paths it would have to escape', () => {
    expect(overlayOptions({ lower: ['/l/2', '/l/1'], upper: '/u', work: '/w' })).toBe('lowerdir=/l/2:/l/1,upperdir=/u,workdir=/w');
    expect(() => overlayOptions({ lower: ['/l/a,b'], upper: '/u', work: '/w' })).toThrow(/escape/);
    expect(() => overlayOptions({ lower: ['/l/1'], upper: '/u:x', work: '/w' })).toThrow(/escape/);
    expect(overlayOptions({ lower: ['/l/1'], upper: '/u', work: '/w', userxattr: true })).toBe('lowerdir=/l/1,upperdir=/u,workdir=/w,userxattr');
  });
});
