// containerd-namespaces, ctr-lists, docker-does-not-list, docker-image-store: decided from ctr's and docker's answers, asked by the checks.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { containerdNamespaces, ctrLists, dockerDoesNotList, dockerImageStore } from '../../../src/checks/containerdChecks.js';
import { chainLab } from '../../support/fakeChain.js';

describe('containerd-namespaces', () => {
  it('passes when ctr namespaces ls lists each, fails naming the missing ones', () => {
    const { ctx, d } = chainLab();
    ctx.sys.answer(d.ctrArgv('default', ['namespaces', 'ls', '-q']), { stdout: 'default\nmoby\n' });
    expect(containerdNamespaces.run(ctx, { has: ['moby', 'default'] })).toEqual({ ok: true, detail: 'ctr namespaces ls: default, moby' });
    expect(containerdNamespaces.run(ctx, { has: ['k8s.io'] })).toEqual({ ok: false, detail: 'ctr namespaces ls has no k8s.io: default, moby' });
  });
});

describe('ctr-lists', () => {
  it('checks an id, or a count', () => {
    const { ctx, d } = chainLab();
    const id = 'd299bce2daf89e52f36676a818a55b39d0e01302e219fa4fc933fe836ec411df';
    ctx.sys.answer(d.ctrArgv('moby', ['containers', 'ls', '-q']), { stdout: `${id}\n` });
    expect(ctrLists.run(ctx, { namespace: 'moby', count: 1 })).toEqual({ ok: true, detail: 'ctr -n moby containers ls: d299bce2daf8…' });
    expect(ctrLists.run(ctx, { namespace: 'moby', count: 2 }).detail).toBe('ctr -n moby containers ls lists 1, not 2: d299bce2daf8…');
    expect(ctrLists.run(ctx, { namespace: 'moby', id: 'other' }).ok).toBe(false);
  });
});

describe('docker-does-not-list', () => {
  it('passes when ctr has the container and docker ps -a does not; fails when docker lists it', () => {
    const { ctx, d } = chainLab();
    ctx.sys.answer(d.ctrArgv('default', ['containers', 'ls', '-q']), { stdout: 'container-lab-ctr\n' });
    ctx.sys.answer(d.dockerArgv(['ps']), { stdout: 'abc123 container-lab-docker\n' });
    expect(dockerDoesNotList.run(ctx, { id: 'container-lab-ctr', namespace: 'default' })).toEqual({
      ok: true,
      detail: 'ctr -n default lists container-lab-ctr; docker ps -a lists 1 other(s): container-lab-docker',
    });
    ctx.sys.programs.pop();
    ctx.sys.answer(d.dockerArgv(['ps']), { stdout: 'abc123 container-lab-ctr\n' });
    expect(dockerDoesNotList.run(ctx, { id: 'container-lab-ctr', namespace: 'default' })).toEqual({ ok: false, detail: 'docker ps -a lists it: abc123 container-lab-ctr' });
    expect(dockerDoesNotList.run(ctx, { id: 'nothing', namespace: 'default' }).detail).toBe('ctr -n default containers ls has no nothing either');
  });
});

describe('docker-image-store', () => {
  const INFO = ['info', '--format', '{{.ServerVersion}}|{{.Driver}}|{{json .DriverStatus}}'];
  function lab(info: string, images: string) {
    const { ctx, d } = chainLab();
    ctx.sys.answer(d.dockerArgv(INFO), { stdout: readFileSync(join(__dirname, '../../fixtures/chain/docker-info', info), 'utf8') });
    ctx.sys.answer(d.ctrArgv('moby', ['images', 'ls', '-q']), { stdout: images });
    return ctx;
  }

  it('Docker 20.10, graph driver: passes when containerd\'s moby namespace has no image, fails when it does', () => {
    expect(dockerImageStore.run(lab('20.10-graphdriver.txt', ''), {})).toEqual({ ok: true, detail: 'Docker 20.10.24+dfsg1 keeps images in its own graph-driver store (overlay2): ctr -n moby images ls does not list them' });
    expect(dockerImageStore.run(lab('20.10-graphdriver.txt', 'docker.io/container-lab/lab:latest\n'), {}).ok).toBe(false);
  });

  it('Docker 29, containerd image store: passes when ctr -n moby images ls lists the image, fails when not', () => {
    expect(dockerImageStore.run(lab('29-containerd.txt', 'docker.io/container-lab/lab:latest\n'), {})).toEqual({ ok: true, detail: 'Docker 29.0.0 keeps images in containerd (snapshotter overlayfs): ctr -n moby images ls lists docker.io/container-lab/lab:latest' });
    expect(dockerImageStore.run(lab('29-containerd.txt', ''), {}).detail).toBe("Docker 29.0.0 says it uses containerd's image store, but ctr -n moby images ls has no docker.io/container-lab/lab:latest");
  });
});
