// ctr: containerd's client on the lab's socket; `ctr run -d` with an id gets the lab's flags, its task followed and removed at the close.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ctr } from '../../../src/actions/ctr.js';
import { chain, chainPids } from '../../../src/actions/chainState.js';
import { chainLab } from '../../support/fakeChain.js';

describe('ctr', () => {
  it('runs ctr in the namespace, logged, its stdout the step\'s and the panel\'s block', async () => {
    const { ctx, d } = chainLab({ dockerd: false });
    ctx.sys.answer(d.ctrArgv('default', ['namespaces', 'ls']), { stdout: 'NAME    LABELS\ndefault\nmoby\n' });
    const result = await ctr.run(ctx, { args: ['namespaces', 'ls'], namespace: 'default', show: 'ctr namespaces ls' });
    expect(ctx.sys.calls).toEqual([{ via: 'program', argv: ['/usr/bin/ctr', '--address', join(ctx.session.dir, 'containerd.sock'), '--namespace', 'default', 'namespaces', 'ls'] }]);
    expect(result.log.map((e) => e.call)).toEqual(['/usr/bin/ctr']);
    expect(result.stdout).toEqual(['NAME    LABELS', 'default', 'moby']);
    expect(chain(ctx).view.blocks?.[0]).toEqual({ title: 'ctr namespaces ls', lines: ['NAME  LABELS', 'default', 'moby'] });
  });

  it('ctr run -d with an id: the lab\'s label, cgroup, runc root and FIFOs; the task\'s PID followed; killed and deleted at the close (with the lab\'s daemons, by their stop)', async () => {
    const { ctx, d } = chainLab({ dockerd: false });
    ctx.sys.answer(d.ctrArgv('default', ['run']), { stdout: '' });
    ctx.sys.answer(d.ctrArgv('default', ['task', 'ls']), { stdout: 'TASK                 PID     STATUS\ncontainer-lab-ctr    7001    RUNNING\n' });
    ctx.sys.answer(d.ctrArgv('default', ['task']), { stdout: '' });
    ctx.sys.answer(d.ctrArgv('default', ['container']), { stdout: '' });
    const result = await ctr.run(ctx, { args: ['run', '-d', 'docker.io/container-lab/lab:latest', 'container-lab-ctr', 'sleep', '600'], namespace: 'default', id: 'container-lab-ctr' });
    expect(ctx.sys.calls[0]).toEqual({ via: 'program', argv: d.ctrArgv('default', [
      'run', '--label', 'container-lab=test', '--cgroup', '/container-lab-test-docker/container-lab-ctr',
      '--runc-root', join(ctx.session.dir, 'runc-ctr'), '--fifo-dir', join(ctx.session.dir, 'fifo'),
      '-d', 'docker.io/container-lab/lab:latest', 'container-lab-ctr', 'sleep', '600',
    ]) });
    expect(result.output).toEqual(['task container-lab-ctr: PID 7001 on the host']);
    expect(chainPids(ctx)).toEqual({ dir: ctx.session.dir, pids: [7001], focusPid: 7001 });
    // the step's own cleanup (it runs where the daemons outlive the lesson) kills and deletes through ctr
    ctx.sys.calls.length = 0;
    await chain(ctx).cleanups[0]();
    expect(ctx.sys.calls.map((c) => (c.via === 'program' ? c.argv.slice(5).join(' ') : c.via))).toEqual([
      'task kill -s SIGKILL container-lab-ctr', 'task delete -f container-lab-ctr', 'container delete container-lab-ctr',
    ]);
    // the lab's own daemons: their stop() ends the task with them, so the close asks ctr nothing
    ctx.sys.calls.length = 0;
    await ctx.slots.teardownAll();
    expect(ctx.sys.calls).toEqual([]);
  });

  it('fails when ctr does, and needs the lab\'s containerd', async () => {
    const { ctx, d } = chainLab({ dockerd: false });
    ctx.sys.answer(d.ctrArgv('default', ['images']), { status: 1, stderr: 'ctr: image "x": not found' });
    await expect(ctr.run(ctx, { args: ['images', 'rm', 'x'], namespace: 'default' })).rejects.toThrow(/ctr images rm failed \(exit 1\): ctr: image "x": not found/);
    const none = chainLab({ containerd: false, dockerd: false });
    await expect(ctr.run(none.ctx, { args: ['version'], namespace: 'default' })).rejects.toThrow(/containerd is not running/);
  });

  it('checks the allow-list again when the step runs, and ctr run needs an id (else ctr\'s cgroup would be the host\'s)', async () => {
    const { ctx } = chainLab({ dockerd: false });
    await expect(ctr.run(ctx, { args: ['run', '--privileged', 'img', 'x'], namespace: 'default', id: 'x' })).rejects.toThrow(/^ctr argument --privileged is refused/);
    await expect(ctr.run(ctx, { args: ['run', '-d', 'img', 'x'], namespace: 'default' })).rejects.toThrow(/ctr run needs `id`/);
    expect(ctx.sys.calls).toEqual([]);
    const noId = ctr.params.safeParse({ args: ['run', '-d', 'img', 'x'] });
    expect(noId.error?.issues[0]).toMatchObject({ path: ['id'], message: expect.stringMatching(/^ctr run needs `id`/) });
  });
});
