// daemons-running and image-loaded decide from a fake /proc, lstat and the daemons' own answers.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { daemonsRunning, imageLoaded, ask } from '../../../src/checks/chainChecks.js';
import { chain } from '../../../src/actions/chainState.js';
import { chainLab, type ChainLab } from '../../support/fakeChain.js';
import { addProcess } from '../../support/fakeProc.js';

function withDaemons(ctx: ChainLab, dockerdArgs = ['--bridge=none', '--iptables=false']): ChainLab {
  const dir = ctx.session.dir;
  addProcess(ctx.sys, { pid: 5001, ppid: 1, comm: 'containerd', argv: ['/usr/bin/containerd', '--config', `${dir}/containerd.toml`] });
  addProcess(ctx.sys, { pid: 5002, ppid: 1, comm: 'dockerd', argv: ['/usr/sbin/dockerd', '--containerd', `${dir}/containerd.sock`, ...dockerdArgs] });
  // the fake lstat knows files and dirs: the sockets get S_IFSOCK here
  const lstat = ctx.sys.lstat.bind(ctx.sys);
  ctx.sys.lstat = (p: string) => (p.endsWith('.sock') ? { ...lstat('/proc'), mode: 0o140755, isDirectory: false } : lstat(p));
  ctx.sys.answer(['ip', '-o', 'link', 'show', 'docker0'], { status: 1 });
  return ctx;
}

describe('daemons-running', () => {
  it('passes when /proc has the lab\'s containerd and dockerd, both sockets, the private flags and no docker0', () => {
    const ctx = withDaemons(chainLab().ctx);
    expect(daemonsRunning.run(ctx, { docker: true })).toEqual({ ok: true, detail: 'containerd pid 5001, dockerd pid 5002 (--bridge=none --iptables=false)' });
    expect(ctx.sys.drain()).toEqual([]);
  });

  it('fails on a dockerd without the private flags, a docker0 the host did not have, a dockerd in a containerd-only lesson', () => {
    expect(daemonsRunning.run(withDaemons(chainLab().ctx, []), { docker: true }).detail).toBe('dockerd runs without --bridge=none --iptables=false');
    const bridged = withDaemons(chainLab().ctx);
    bridged.sys.programs.length = 0;
    bridged.sys.answer(['ip'], { stdout: '3: docker0: <BROADCAST> mtu 1500\n' });
    expect(daemonsRunning.run(bridged, { docker: true }).detail).toBe('a docker0 bridge appeared on the host');
    chain(bridged).hostHadDocker0 = true;
    expect(daemonsRunning.run(bridged, { docker: true }).ok).toBe(true);
    expect(daemonsRunning.run(withDaemons(chainLab().ctx), { docker: false }).detail).toBe('dockerd runs (pid 5002) though this lesson uses containerd alone');
  });

  it('fails when no containerd names the session dir, or its socket is not a socket', () => {
    const { ctx } = chainLab();
    expect(daemonsRunning.run(ctx, { docker: false }).detail).toBe(`no containerd process names ${ctx.session.dir} in /proc`);
    addProcess(ctx.sys, { pid: 5001, ppid: 1, comm: 'containerd', argv: ['/usr/bin/containerd', '--config', `${ctx.session.dir}/containerd.toml`] });
    expect(daemonsRunning.run(ctx, { docker: false }).detail).toBe('containerd.sock is not a socket');
  });
});

describe('image-loaded', () => {
  it('asks docker image ls or ctr images ls itself, quietly, with the lab\'s DOCKER_CONFIG', () => {
    const { ctx, d } = chainLab();
    ctx.sys.answer(d.dockerArgv(['image', 'ls']), { stdout: 'container-lab/lab:latest 2b1f0e7c\n' });
    ctx.sys.answer(d.ctrArgv('default', ['images', 'ls', '-q']), { stdout: 'docker.io/container-lab/lab:latest\n' });
    expect(imageLoaded.run(ctx, { in: 'docker', namespace: 'default' })).toEqual({ ok: true, detail: 'docker image ls: container-lab/lab:latest 2b1f0e7c' });
    expect(imageLoaded.run(ctx, { in: 'containerd', namespace: 'default' }).ok).toBe(true);
    expect(ctx.sys.calls.map((c) => (c.via === 'program' ? c.argv[0] : c.via))).toEqual(['/usr/bin/docker', '/usr/bin/ctr']);
    expect(ctx.sys.drain()).toEqual([]);
  });

  it('fails when the daemon does not list it, and says why when the CLI fails', () => {
    const { ctx, d } = chainLab();
    ctx.sys.answer(d.ctrArgv('moby', ['images']), { stdout: '' });
    expect(imageLoaded.run(ctx, { in: 'containerd', namespace: 'moby' })).toEqual({ ok: false, detail: 'ctr -n moby images ls has no docker.io/container-lab/lab:latest: (empty)' });
    ctx.sys.answer(d.dockerArgv(['image']), { status: 1, stderr: 'Cannot connect to the Docker daemon\n' });
    expect(() => ask(ctx, d.dockerArgv(['image', 'ls']))).toThrow(`${d.bin.docker.path} -H unix://${join(ctx.session.dir, 'docker.sock')}… failed: Cannot connect to the Docker daemon`);
  });
});
