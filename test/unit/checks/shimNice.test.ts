// shim-nice-is on a fake /proc: the container's parent shim has the nice value, alone among the lab's processes.
import { describe, expect, it } from 'vitest';
import { shimNiceIs, niceOf } from '../../../src/checks/shimNice.js';
import { chain } from '../../../src/actions/chainState.js';
import { chainLab, type ChainLab } from '../../support/fakeChain.js';
import { addProcess } from '../../support/fakeProc.js';

const ID = 'd299bce2daf89e52f36676a818a55b39d0e01302e219fa4fc933fe836ec411df';

/** proc(5) stat with every field up to nice (19): the fake's short line, made long enough. */
function setNice(ctx: ChainLab, pid: number, nice: number): void {
  const stat = ctx.sys.files.get(`/proc/${pid}/stat`)!.trim().split(' ');
  const head = stat.slice(0, 11);
  const fields = [...head, ...Array(17 - head.length).fill('0'), '20', String(nice), '1'];
  ctx.sys.files.set(`/proc/${pid}/stat`, fields.join(' ') + '\n');
}

function world(): ChainLab {
  const { ctx, d } = chainLab();
  const dir = ctx.session.dir;
  addProcess(ctx.sys, { pid: 6500, ppid: 1, comm: 'containerd-shim', argv: ['/usr/bin/containerd-shim-runc-v2', '-namespace', 'moby', '-id', ID, '-address', `${dir}/containerd.sock`] });
  addProcess(ctx.sys, { pid: 6521, ppid: 6500, comm: 'sleep', nsPids: [6521, 1] });
  addProcess(ctx.sys, { pid: 6400, ppid: 1, comm: 'containerd', argv: ['containerd', '--config', `${dir}/containerd.toml`] });
  for (const pid of [6500, 6521, 6400]) setNice(ctx, pid, 0);
  chain(ctx).container = { id: ID, name: 'c', pid: 6521 };
  ctx.sys.answer(d.dockerArgv(['inspect', '--format', '{{.State.Pid}}', ID]), { stdout: '6521\n' });
  return ctx;
}

describe('shim-nice-is', () => {
  it('reads stat field 19', () => {
    const ctx = world();
    setNice(ctx, 6500, -3);
    expect(niceOf(ctx.sys, 6500)).toBe(-3);
    expect(niceOf(ctx.sys, 99)).toBeNull();
  });

  it('passes when the shim alone has the value', () => {
    const ctx = world();
    setNice(ctx, 6500, 7);
    expect(shimNiceIs.run(ctx, { value: 7, namespace: 'default' })).toEqual({ ok: true, detail: `container d299bce2daf8: PID 6521's parent is the shim 6500, nice 7; containerd, dockerd and the container are not` });
  });

  it('fails on nothing done, on the container reniced instead, and on everything reniced', () => {
    const ctx = world();
    expect(shimNiceIs.run(ctx, { value: 7, namespace: 'default' }).detail).toBe('the shim of PID 6521 is PID 6500, with nice 0, not 7');
    setNice(ctx, 6521, 7);
    expect(shimNiceIs.run(ctx, { value: 7, namespace: 'default' }).detail).toBe('the shim of PID 6521 is PID 6500, with nice 0, not 7; 6521 sleep has it instead');
    setNice(ctx, 6500, 7);
    setNice(ctx, 6400, 7);
    expect(shimNiceIs.run(ctx, { value: 7, namespace: 'default' }).detail).toBe('the shim 6500 has nice 7, but so has 6400 containerd, 6521 sleep: mark the shim alone');
  });

  it('fails when the parent is not a shim of the lab', () => {
    const ctx = world();
    addProcess(ctx.sys, { pid: 6500, ppid: 1, comm: 'bash' });
    expect(shimNiceIs.run(ctx, { value: 7, namespace: 'default' }).detail).toBe('PID 6521\'s parent 6500 is not a shim of the lab');
  });
});
