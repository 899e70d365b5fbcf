// runc-caught, bundle-matches, bundle-root-is-dockers, hops-measured: the traced step's timeline and hops, config.json against a fake /proc.
import { describe, expect, it } from 'vitest';
import { bundleMatches, bundleRootIsDockers, hopsMeasured, runcCaught } from '../../../src/checks/traceChecks.js';
import { chain } from '../../../src/actions/chainState.js';
import { fakeLab } from '../../support/fakeLab.js';
import { addProcess } from '../../support/fakeProc.js';

const ID = 'd299bce2daf89e52f36676a818a55b39d0e01302e219fa4fc933fe836ec411df';

describe('runc-caught', () => {
  it('passes when the timeline has runc create/start and neither runs now; fails while one does, or with none', () => {
    const ctx = fakeLab();
    expect(runcCaught.run(ctx, {}).detail).toBe('the timeline has no runc process');
    chain(ctx).view.timeline = { title: 't', entries: [
      { label: 'runc create', pid: 25805, at: 1318, goneAt: 3700 },
      { label: 'runc init → runc:[2:INIT]', pid: 25833, at: 1455 },
      { label: 'runc start', pid: 25930, at: 3713, goneAt: 3812 },
    ] } as never;
    addProcess(ctx.sys, { pid: 25833, ppid: 1, comm: 'sleep' });
    expect(runcCaught.run(ctx, {})).toEqual({ ok: true, detail: 'runc create pid 25805 (+1318 ms, gone now); runc start pid 25930 (+3713 ms, gone now)' });
    addProcess(ctx.sys, { pid: 25930, ppid: 1, comm: 'runc' });
    expect(runcCaught.run(ctx, {}).detail).toBe('runc 25930 still runs (/proc)');
  });
});

describe('bundle-matches', () => {
  function lab(cmdline: string[], netLink: string) {
    const ctx = fakeLab();
    chain(ctx).container = { id: ID, name: 'x', pid: 6521 };
    const state = `${ctx.session.dir}/containerd/state/io.containerd.runtime.v2.task/moby/${ID}/config.json`;
    ctx.sys.files.set(state, JSON.stringify({
      process: { args: ['sleep', '600'] },
      linux: { namespaces: [{ type: 'network' }, { type: 'user', path: '/proc/1/ns/user' }], cgroupsPath: `/container-lab-test-docker/${ID}` },
    }));
    ctx.sys.files.set('/proc/6521/cmdline', cmdline.join('\0') + '\0');
    ctx.sys.files.set('/proc/6521/cgroup', `0::/container-lab-test-docker/${ID}\n`);
    ctx.sys.links.set('/proc/6521/ns/net', netLink);
    ctx.sys.links.set('/proc/self/ns/net', 'net:[4026531840]');
    return ctx;
  }

  it('passes when args, new namespaces and the cgroup match the kernel', () => {
    expect(bundleMatches.run(lab(['sleep', '600'], 'net:[4026532300]'), { namespace: 'moby' })).toEqual({ ok: true, detail: 'args ["sleep","600"], own net, cgroup …/d299bce2daf8' });
  });

  it('fails on other args, or a namespace shared with the host', () => {
    expect(bundleMatches.run(lab(['sh'], 'net:[4026532300]'), { namespace: 'moby' }).detail).toBe('process.args ["sleep","600"] but /proc/6521/cmdline is ["sh"]');
    expect(bundleMatches.run(lab(['sleep', '600'], 'net:[4026531840]'), { namespace: 'moby' }).detail).toBe("config.json asks for a new network namespace, but 6521 shares the host's");
    expect(bundleMatches.run(fakeLab(), { namespace: 'moby' }).detail).toBe('no running container to compare with');
  });
});

describe('bundle-root-is-dockers', () => {
  const MERGED = '/var/lib/docker/overlay2/4f1c/merged';
  function lab(root: string, mountinfo: string[], inRootfs: string[] = []) {
    const ctx = fakeLab();
    chain(ctx).container = { id: ID, name: 'x', pid: 6521 };
    const bundle = `${ctx.session.dir}/containerd/state/io.containerd.runtime.v2.task/moby/${ID}`;
    ctx.sys.files.set(`${bundle}/config.json`, JSON.stringify({ root: { path: root } }));
    ctx.sys.dirs.add(`${bundle}/rootfs`);
    for (const f of inRootfs) ctx.sys.files.set(`${bundle}/rootfs/${f}`, '');
    ctx.sys.dirs.add(MERGED);
    ctx.sys.links.set('/proc/6521/root', MERGED);
    ctx.sys.files.set('/proc/self/mountinfo', mountinfo.map((l) => l.replace('BUNDLE', bundle)).join('\n') + '\n');
    return ctx;
  }
  const overlay = `120 28 0:61 / ${MERGED} rw,relatime - overlay overlay rw,lowerdir=/var/lib/docker/overlay2/l/A,upperdir=u,workdir=w`;

  it('passes when rootfs/ is empty and unmounted, and root.path is the overlay the container runs in', () => {
    expect(bundleRootIsDockers.run(lab(MERGED, [overlay]), { namespace: 'moby' })).toEqual({ ok: true, detail: `rootfs/ empty, nothing mounted on it; root.path ${MERGED} is an overlay mount point, PID 6521's root` });
  });

  it('fails on a root inside the bundle, a filled or mounted rootfs/, a root that is no mount point', () => {
    expect(bundleRootIsDockers.run(lab('rootfs', [overlay]), { namespace: 'moby' }).detail).toMatch(/^root.path is "rootfs", inside the bundle/);
    expect(bundleRootIsDockers.run(lab(MERGED, [overlay], ['bin']), { namespace: 'moby' }).detail).toMatch(/rootfs is not empty: bin$/);
    expect(bundleRootIsDockers.run(lab(MERGED, [overlay, '121 28 0:62 / BUNDLE/rootfs rw - overlay overlay rw']), { namespace: 'moby' }).detail).toMatch(/^overlay is mounted on .*\/rootfs$/);
    expect(bundleRootIsDockers.run(lab(MERGED, []), { namespace: 'moby' }).detail).toBe(`root.path ${MERGED} is not a mount point`);
    expect(bundleRootIsDockers.run(fakeLab(), { namespace: 'moby' }).detail).toBe('no running container to compare with');
  });
});

describe('hops-measured', () => {
  it('counts the hop bars against atLeast', () => {
    const ctx = fakeLab();
    expect(hopsMeasured.run(ctx, { atLeast: 1 }).ok).toBe(false);
    chain(ctx).view.hops = { title: 'h', bars: [{ label: 'dockerd: create', ms: 136 }, { label: 'prestart hook (dockerd)', ms: 1876 }] };
    expect(hopsMeasured.run(ctx, { atLeast: 2 })).toEqual({ ok: true, detail: '2 hops, 2012 ms in all; longest: prestart hook (dockerd)' });
    expect(hopsMeasured.run(ctx, { atLeast: 3 }).detail).toBe('2 hops timed, fewer than 3: dockerd: create, prestart hook (dockerd)');
  });
});
