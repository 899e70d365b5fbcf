// stop-containerd: SIGTERM to containerd alone; /proc shows its shims and their containers running on.
import { describe, expect, it } from 'vitest';
import { stopContainerd } from '../../../src/actions/stopContainerd.js';
import { chain } from '../../../src/actions/chainState.js';
import { CONTAINERD_PID, DOCKERD_PID, chainLab } from '../../support/fakeChain.js';
import { addProcess } from '../../support/fakeProc.js';

describe('stop-containerd', () => {
  it('sends SIGTERM to containerd alone and reports the shim, its child and dockerd still running', async () => {
    const { ctx, d } = chainLab();
    const dir = ctx.session.dir;
    addProcess(ctx.sys, { pid: 6500, ppid: 1, comm: 'containerd-shim', argv: ['/usr/bin/containerd-shim-runc-v2', '-namespace', 'moby', '-id', 'd299bce2daf89e52', '-address', `${dir}/containerd.sock`] });
    addProcess(ctx.sys, { pid: 6521, ppid: 6500, comm: 'sh', argv: ['sh', '-c', 'sleep 600'] });
    addProcess(ctx.sys, { pid: 6600, ppid: 1, comm: 'dockerd', argv: ['/usr/sbin/dockerd', '--containerd', `${dir}/containerd.sock`] });
    addProcess(ctx.sys, { pid: 900, ppid: 1, comm: 'sshd', argv: ['sshd'] });
    chain(ctx).container = { id: 'd299bce2daf89e52', name: 'cl-shim', pid: 6521 };
    const result = await stopContainerd.run(ctx, {});
    expect(ctx.sys.calls).toEqual([{ via: 'kill', pid: CONTAINERD_PID, signal: 'SIGTERM' }]);
    expect(d.containerd).toBeNull();
    expect(result.output.slice(1)).toEqual([
      'shim pid 6500 (-id d299bce2daf8) still runs; its parent is PID 1',
      '  its child, PID 6521 (sh), still runs',
      'dockerd pid 6600 still runs, without containerd',
    ]);
    expect(result.output[0]).toMatch(new RegExp(`^containerd pid ${CONTAINERD_PID}: SIGTERM, gone after \\d+ ms$`));
    expect(chain(ctx).view.blocks?.[0].lines[1]).toBe("the container's PID 6521 runs on, under its shim");
    expect(DOCKERD_PID).not.toBe(6600);
  });

  it('leaves no cleanup: the close ends the shims and daemons by the session dir, and never waits for containerd to come back', async () => {
    const { ctx } = chainLab();
    await stopContainerd.run(ctx, {});
    expect(chain(ctx).cleanups).toHaveLength(0);
  });
});
