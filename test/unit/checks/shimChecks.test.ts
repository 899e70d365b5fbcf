// The shim lesson's checks on a fake /proc: who is the container's parent, where its stdio goes, what runs on.
import { describe, expect, it } from 'vitest';
import {
  containerAlive, containerdStopped, containerGone, exitStatusIs, noRuncLeft, shimGone, shimIsParent, stdioThroughShim, taskListed,
} from '../../../src/checks/shimChecks.js';
import { chain } from '../../../src/actions/chainState.js';
import { chainLab, type ChainLab } from '../../support/fakeChain.js';
import { addFds, addProcess } from '../../support/fakeProc.js';

const ID = 'd299bce2daf89e52f36676a818a55b39d0e01302e219fa4fc933fe836ec411df';

/** A docker container (PID 6521, PID 1 inside) under the lab's shim (6500), dockerd on the lab's containerd socket. */
function world(): ChainLab {
  const { ctx, d } = chainLab();
  const dir = ctx.session.dir;
  addProcess(ctx.sys, { pid: 6500, ppid: 1, comm: 'containerd-shim', argv: ['/usr/bin/containerd-shim-runc-v2', '-namespace', 'moby', '-id', ID, '-address', `${dir}/containerd.sock`] });
  addProcess(ctx.sys, { pid: 6521, ppid: 6500, comm: 'sh', nsPids: [6521, 1] });
  addProcess(ctx.sys, { pid: 6600, ppid: 1, comm: 'dockerd', argv: ['/usr/sbin/dockerd', '--containerd', `${dir}/containerd.sock`] });
  addFds(ctx.sys, 6521, { 0: ['pipe:[1198673]', '00'], 1: ['pipe:[1198674]', '01'], 2: ['pipe:[1198675]', '01'] });
  addFds(ctx.sys, 6500, { 14: ['pipe:[1198673]', '02004001'], 15: ['pipe:[1198674]', '02004000'], 17: ['pipe:[1198675]', '02004000'] });
  chain(ctx).container = { id: ID, name: 'cl-shim', pid: 6521 };
  ctx.sys.answer(d.dockerArgv(['inspect', '--format', '{{.State.Pid}}', ID]), { stdout: '6521\n' });
  ctx.sys.answer(d.ctrArgv('moby', ['tasks', 'ls']), { stdout: `TASK    PID    STATUS\n${ID}    6521    RUNNING\n` });
  return ctx;
}

describe('shim-is-parent and container-alive', () => {
  it('pass when the container process runs under the lab\'s shim', () => {
    const ctx = world();
    expect(shimIsParent.run(ctx, { namespace: 'default' })).toEqual({ ok: true, detail: 'container d299bce2daf8: PID 6521 (PID 1 inside), PPid 6500 = containerd-shim -namespace moby -id d299bce2daf8' });
    expect(containerAlive.run(ctx, { namespace: 'default' })).toEqual({ ok: true, detail: 'container d299bce2daf8: PID 6521 sh (state S, PID 1 inside), parent 6500 containerd-shim' });
    expect(shimIsParent.run(ctx, { id: ID, namespace: 'moby' }).ok).toBe(true);
    expect(ctx.sys.drain()).toEqual([]);
  });

  it('fail when the parent is not a shim, or not the lab\'s, or the process is a zombie', () => {
    const ctx = world();
    addProcess(ctx.sys, { pid: 6500, ppid: 1, comm: 'containerd-shim', argv: ['/usr/bin/containerd-shim-runc-v2', '-address', '/run/containerd/containerd.sock'] });
    expect(shimIsParent.run(ctx, { namespace: 'default' }).detail).toMatch(/^PID 6521's parent shim 6500 is not the lab's/);
    addProcess(ctx.sys, { pid: 6500, ppid: 1, comm: 'bash' });
    expect(shimIsParent.run(ctx, { namespace: 'default' }).detail).toBe("PID 6521's parent is 6500 bash, not a containerd shim");
    addProcess(ctx.sys, { pid: 6521, ppid: 6500, comm: 'sh', state: 'Z' });
    expect(containerAlive.run(ctx, { namespace: 'default' }).detail).toBe('container d299bce2daf8: PID 6521 is not running');
  });
});

describe('stdio-through-shim', () => {
  it('passes when the shim holds the other end of each pipe', () => {
    expect(stdioThroughShim.run(world(), { fds: [0, 1, 2] })).toEqual({
      ok: true,
      detail: 'PID 6521, shim 6500: fd 0 pipe:[1198673] ← shim fd 14; fd 1 pipe:[1198674] → shim fd 15; fd 2 pipe:[1198675] → shim fd 17',
    });
  });

  it('fails on a terminal, and on a pipe whose other end the shim does not hold', () => {
    const ctx = world();
    addFds(ctx.sys, 6521, { 1: ['/dev/pts/0', '02'] });
    expect(stdioThroughShim.run(ctx, { fds: [1] }).detail).toBe('fd 1 of PID 6521 is /dev/pts/0, not a pipe');
    addFds(ctx.sys, 6521, { 1: ['pipe:[99]', '01'] });
    expect(stdioThroughShim.run(ctx, { fds: [1] }).detail).toBe('shim 6500 holds no read end of fd 1\'s pipe:[99]');
  });
});

describe('task-listed and exit-status-is', () => {
  it('read ctr tasks ls and docker inspect', () => {
    const ctx = world();
    expect(taskListed.run(ctx, { namespace: 'moby', status: 'RUNNING' })).toEqual({ ok: true, detail: 'ctr -n moby tasks ls: d299bce2daf8 PID 6521 RUNNING' });
    expect(taskListed.run(ctx, { namespace: 'moby', id: 'other', status: 'RUNNING' }).ok).toBe(false);
    const d = chain(ctx).daemons!;
    ctx.sys.answer(d.dockerArgv(['inspect', '--format', '{{.State.Status}} {{.State.ExitCode}}', ID]), { stdout: 'exited 42\n' });
    expect(exitStatusIs.run(ctx, { code: 42 })).toEqual({ ok: true, detail: 'docker inspect d299bce2daf8: State.Status exited, State.ExitCode 42' });
    expect(exitStatusIs.run(ctx, { code: 0 }).detail).toBe('docker inspect: ExitCode 42, not 0');
  });
});

describe('task-listed PAUSED and STOPPED, exit-status-is by name', () => {
  it('PAUSED holds only when the task\'s freezer cgroup says FROZEN', () => {
    const ctx = world();
    const freezer = '/sys/fs/cgroup/freezer/container-lab-test-docker/x/freezer.state';
    ctx.sys.files.set('/proc/6521/cgroup', '6:freezer:/container-lab-test-docker/x\n');
    ctx.sys.files.set('/proc/self/mountinfo', '30 25 0:26 / /sys/fs/cgroup/freezer rw - cgroup cgroup rw,freezer\n');
    ctx.sys.files.set(freezer, 'FROZEN\n');
    const d = chain(ctx).daemons!;
    ctx.sys.programs.unshift({ match: (a) => a.join(' ') === d.ctrArgv('moby', ['tasks', 'ls']).join(' '), answer: { stdout: `TASK PID STATUS\n${ID} 6521 PAUSED\n` } });
    expect(taskListed.run(ctx, { namespace: 'moby', status: 'PAUSED' })).toEqual({ ok: true, detail: `ctr -n moby tasks ls: d299bce2daf8 PID 6521 PAUSED; ${freezer}: FROZEN` });
    ctx.sys.files.set(freezer, 'THAWED\n');
    expect(taskListed.run(ctx, { namespace: 'moby', status: 'PAUSED' }).detail).toBe(`ctr says PAUSED, but ${freezer} says THAWED`);
    expect(taskListed.run(ctx, { namespace: 'moby', status: 'RUNNING' }).detail).toBe('ctr -n moby tasks ls: task d299bce2daf8 is PAUSED, not RUNNING');
  });

  it('STOPPED holds while the process is gone and its shim still runs', () => {
    const ctx = world();
    const d = chain(ctx).daemons!;
    ctx.sys.programs.unshift({ match: (a) => a.join(' ') === d.ctrArgv('moby', ['tasks', 'ls']).join(' '), answer: { stdout: `TASK PID STATUS\n${ID} 6521 STOPPED\n` } });
    expect(taskListed.run(ctx, { namespace: 'moby', status: 'STOPPED' }).detail).toBe('ctr says STOPPED, but PID 6521 runs: sh');
    addProcess(ctx.sys, { pid: 6521, ppid: 6500, comm: 'sh', state: 'Z' });
    expect(taskListed.run(ctx, { namespace: 'moby', status: 'STOPPED' })).toEqual({
      ok: true,
      detail: 'ctr -n moby tasks ls: d299bce2daf8 PID 6521 STOPPED; its process is gone; its shim 6500 still runs, holding the exit status until the task is deleted',
    });
    addProcess(ctx.sys, { pid: 6500, ppid: 1, comm: 'containerd-shim', state: 'Z' });
    expect(taskListed.run(ctx, { namespace: 'moby', status: 'STOPPED' }).detail).toBe('no shim of the lab serves d299bce2daf8 any more');
  });

  it('exit-status-is with a name asks docker inspect of that name, once docker ps -a has it', () => {
    const ctx = world();
    const d = chain(ctx).daemons!;
    ctx.sys.answer(d.dockerArgv(['ps', '-a', '--format', '{{.Names}}']), { stdout: 'cl-shim\nthree\n' });
    ctx.sys.answer(d.dockerArgv(['inspect', '--format', '{{.State.Status}} {{.State.ExitCode}}', 'three']), { stdout: 'exited 3\n' });
    expect(exitStatusIs.run(ctx, { code: 3, name: 'three' })).toEqual({ ok: true, detail: 'docker inspect three: State.Status exited, State.ExitCode 3' });
    expect(exitStatusIs.run(ctx, { code: 3, name: 'four' }).detail).toBe('docker ps -a lists no container named four');
  });
});

describe('what is left in /proc', () => {
  it('containerd-stopped and no-runc-left pass with shims and dockerd alone; fail on a lab containerd or runc', () => {
    const ctx = world();
    expect(containerdStopped.run(ctx, {})).toEqual({ ok: true, detail: `no containerd process names ${ctx.session.dir}; shim(s) 6500, dockerd 6600 still run` });
    expect(noRuncLeft.run(ctx, {})).toEqual({ ok: true, detail: 'no runc process of the lab in /proc; 1 shim(s): 6500' });
    addProcess(ctx.sys, { pid: 6700, ppid: 6500, comm: 'runc', argv: ['runc', '--root', `${ctx.session.dir}/runc`, 'create'] });
    expect(noRuncLeft.run(ctx, {}).detail).toBe('still running: 6700 runc');
    addProcess(ctx.sys, { pid: 6800, ppid: 1, comm: 'containerd', argv: ['/usr/bin/containerd', '--config', `${ctx.session.dir}/containerd.toml`] });
    expect(containerdStopped.run(ctx, {}).detail).toBe('containerd still runs: pid 6800');
  });

  it('shim-gone and container-gone', () => {
    const ctx = world();
    expect(shimGone.run(ctx, {}).ok).toBe(false);
    expect(containerGone.run(ctx, {}).detail).toBe('PID 6521 still runs: sh, state S');
    addProcess(ctx.sys, { pid: 6521, ppid: 6500, comm: 'sh', state: 'Z' });
    expect(containerGone.run(ctx, {})).toEqual({ ok: true, detail: 'PID 6521 is a zombie, waiting for its parent' });
    for (const pid of [6500, 6521]) for (const f of ['stat', 'cmdline', 'status']) ctx.sys.files.delete(`/proc/${pid}/${f}`);
    expect(containerGone.run(ctx, {})).toEqual({ ok: true, detail: 'PID 6521 is gone from /proc' });
    expect(shimGone.run(ctx, {})).toEqual({ ok: true, detail: 'no containerd-shim of the lab in /proc' });
  });
});
