// containerd-namespaces, ctr-lists, docker-does-not-list: decided from ctr's and docker's answers, asked by the checks.
import { describe, expect, it } from 'vitest';
import { containerdNamespaces, ctrLists, dockerDoesNotList } from '../../../src/checks/containerdChecks.js';
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
