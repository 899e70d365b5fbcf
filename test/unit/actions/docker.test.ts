// docker: the CLI on the lab's socket (or the proxy's), its stdout as the step's, a detached container followed and removed at the close.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { docker, containerPid } from '../../../src/actions/docker.js';
import { chain } from '../../../src/actions/chainState.js';
import { chainLab } from '../../support/fakeChain.js';

const ID = 'd299bce2daf89e52f36676a818a55b39d0e01302e219fa4fc933fe836ec411df';

describe('docker', () => {
  it('runs the CLI on the lab\'s socket with the lab\'s label and no network, logged, stdout as the step\'s', async () => {
    const { ctx, d } = chainLab();
    ctx.sys.answer(d.dockerArgv(['run']), { stdout: 'Hello from inside a container\n', stderr: 'note\n' });
    const result = await docker.run(ctx, { args: ['run', '--rm', 'container-lab/lab'], via: 'socket', status: 0, show: 'hello' });
    expect(ctx.sys.calls).toEqual([{ via: 'program', argv: d.dockerArgv(['run', '--label', 'container-lab=test', '--network', 'none', '--rm', 'container-lab/lab']) }]);
    expect(result.log.map((e) => e.call)).toEqual(['/usr/bin/docker']);
    expect(result.stdout).toEqual(['Hello from inside a container']);
    expect(result.output).toEqual(['Hello from inside a container', 'stderr: note']);
    expect(chain(ctx).view.blocks).toEqual([{ title: 'hello', lines: ['Hello from inside a container'] }]);
  });

  it('fails with the CLI\'s own words when it exits with another status than expected', async () => {
    const { ctx, d } = chainLab();
    ctx.sys.answer(d.dockerArgv(['wait']), { status: 0, stdout: '0\n' });
    await expect(docker.run(ctx, { args: ['wait', 'x'], via: 'socket', status: 42 })).rejects.toThrow(/docker wait failed \(exit 0\)/);
  });

  it('follows a detached container: its PID from docker inspect, the focus file, and docker rm -f at the close (with the lab\'s daemons, by their stop)', async () => {
    const { ctx, d } = chainLab();
    ctx.sys.answer(d.dockerArgv(['run']), { stdout: `${ID}\n` });
    ctx.sys.answer(d.dockerArgv(['inspect', '--format', '{{.State.Pid}}', ID]), { stdout: '6521\n' });
    ctx.sys.answer(d.dockerArgv(['inspect', '--format', '{{.Name}}', ID]), { stdout: '/cl-shim\n' });
    const result = await docker.run(ctx, { args: ['run', '-d', '--name', 'cl-shim', 'container-lab/lab'], via: 'socket', status: 0 });
    expect(chain(ctx).container).toEqual({ id: ID, name: 'cl-shim', pid: 6521 });
    expect(chain(ctx).focusPid).toBe(6521);
    expect(readFileSync(join(ctx.session.dir, 'init.pid'), 'utf8')).toBe('6521\n');
    expect(result.output.at(-1)).toBe('container d299bce2daf8 (cl-shim): PID 6521 on the host');
    // the inspects are the lab's own questions: not in the step's log
    expect(result.log.map((e) => e.call)).toEqual(['/usr/bin/docker']);
    // the step's own cleanup (for the host's Docker, which outlives the lesson) is docker rm -f
    ctx.sys.calls.length = 0;
    await chain(ctx).cleanups[0]();
    expect(ctx.sys.calls).toEqual([{ via: 'program', argv: d.dockerArgv(['rm', '-f', ID]) }]);
    // the lab's own daemons: their stop() ends the container with them, so the close asks dockerd nothing
    ctx.sys.calls.length = 0;
    await ctx.slots.teardownAll();
    expect(ctx.sys.calls).toEqual([]);
  });

  it('docker start of the followed container: its new PID from docker inspect, the focus moves to it', async () => {
    const { ctx, d } = chainLab();
    chain(ctx).container = { id: ID, name: 'cl-life', pid: 6521 };
    ctx.sys.answer(d.dockerArgv(['start']), { stdout: 'cl-life\n' });
    ctx.sys.answer(d.dockerArgv(['inspect', '--format', '{{.State.Pid}}', ID]), { stdout: '7002\n' });
    const result = await docker.run(ctx, { args: ['start', 'cl-life'], via: 'socket', status: 0 });
    expect(chain(ctx).container?.pid).toBe(7002);
    expect(chain(ctx).focusPid).toBe(7002);
    expect(result.output).toEqual(['cl-life', 'container d299bce2daf8 (cl-life): PID 7002 on the host']);
    // another container's start leaves the focus where it is
    await docker.run(ctx, { args: ['start', 'other'], via: 'socket', status: 0 });
    expect(chain(ctx).focusPid).toBe(7002);
  });

  it('goes through the API proxy with via proxy, and needs it', async () => {
    const { ctx, d } = chainLab();
    await expect(docker.run(ctx, { args: ['ps'], via: 'proxy', status: 0 })).rejects.toThrow(/API proxy is not running/);
    const path = join(ctx.session.dir, 'api-proxy.sock');
    chain(ctx).proxy = { path, logFile: join(ctx.session.dir, 'api-log.jsonl'), close: async () => {} };
    ctx.sys.answer(d.dockerArgv(['ps'], path), { stdout: '' });
    await docker.run(ctx, { args: ['ps'], via: 'proxy', status: 0 });
    expect(ctx.sys.calls).toEqual([{ via: 'program', argv: [d.bin.docker.path, '-H', `unix://${path}`, 'ps'] }]);
    expect(chain(ctx).view).toMatchObject({ http: [], focus: 'http' });
    expect(chain(ctx).apiLogMark).toBe(0);
    expect(existsSync(path)).toBe(false);
  });
});

describe('containerPid', () => {
  it('is null when docker inspect fails or says 0', async () => {
    const { ctx, d } = chainLab();
    ctx.sys.answer(d.dockerArgv(['inspect']), { status: 1, stderr: 'No such object' });
    expect(await containerPid(d, 'gone')).toBeNull();
  });

  it('checks the allow-list again when the step runs: a refused argument stops it before the CLI starts', async () => {
    const { ctx } = chainLab();
    await expect(docker.run(ctx, { args: ['run', '-v', '/:/host', 'container-lab/lab'], via: 'socket', status: 0 })).rejects.toThrow(/^docker argument -v \/:\/host is refused/);
    await expect(docker.run(ctx, { args: ['run', '--privileged', 'container-lab/lab'], via: 'socket', status: 0 })).rejects.toThrow(/^docker argument --privileged is refused/);
    expect(ctx.sys.calls).toEqual([]);
    expect(docker.params.safeParse({ args: ['run', '--network=host', 'x'] }).success).toBe(false);
  });
});
