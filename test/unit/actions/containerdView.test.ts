// containerd-view: ctr containers ls and tasks ls in one namespace, both tables in the panel.
import { describe, expect, it } from 'vitest';
import { containerdView } from '../../../src/actions/containerdView.js';
import { chain } from '../../../src/actions/chainState.js';
import { chainLab } from '../../support/fakeChain.js';

const ID = 'd299bce2daf89e52f36676a818a55b39d0e01302e219fa4fc933fe836ec411df';

describe('containerd-view', () => {
  it('asks ctr for containers and tasks in the namespace, and shows both with short ids', async () => {
    const { ctx, d } = chainLab();
    ctx.sys.answer(d.ctrArgv('moby', ['containers', 'ls']), { stdout: `CONTAINER    IMAGE    RUNTIME\n${ID}    -    io.containerd.runc.v2\n` });
    ctx.sys.answer(d.ctrArgv('moby', ['tasks', 'ls']), { stdout: `TASK    PID    STATUS\n${ID}    6521    RUNNING\n` });
    const result = await containerdView.run(ctx, { namespace: 'moby' });
    expect(ctx.sys.calls.map((c) => (c.via === 'program' ? c.argv.slice(5) : []))).toEqual([['containers', 'ls'], ['tasks', 'ls']]);
    expect(result.log).toHaveLength(2);
    expect(chain(ctx).view.blocks).toEqual([
      { title: 'containerd: containers in namespace moby', lines: ['CONTAINER  IMAGE  RUNTIME', 'd299bce2daf8…  -  io.containerd.runc.v2'] },
      { title: 'containerd: tasks in namespace moby', lines: ['TASK  PID  STATUS', 'd299bce2daf8…  6521  RUNNING'] },
    ]);
    expect(result.stdout).toHaveLength(4);
  });

  it('fails when ctr does', async () => {
    const { ctx, d } = chainLab();
    ctx.sys.answer(d.ctrArgv('moby', ['containers']), { status: 1, stderr: 'connection refused' });
    await expect(containerdView.run(ctx, { namespace: 'moby' })).rejects.toThrow(/ctr containers ls failed \(exit 1\): connection refused/);
  });
});
