// dockerd's reconnection to a restarted containerd, read from its log: the first READY after the restart.
import { describe, expect, it } from 'vitest';
import { readyAfter, startContainerd } from '../../../src/actions/startContainerd.js';
import { chain } from '../../../src/actions/chainState.js';
import { answerLikeDaemons, chainLab } from '../../support/fakeChain.js';

const log = [
  'time="2026-11-26T09:06:32.063011661Z" level=info msg="[core] Channel Connectivity change to READY" module=grpc',
  'time="2026-11-26T09:06:33.632057042Z" level=error msg="Failed to get event" error="rpc error: code = Unavailable desc = transport is closing" module=libcontainerd namespace=moby',
  'time="2026-11-26T09:06:34.634539545Z" level=info msg="[core] Subchannel Connectivity change to TRANSIENT_FAILURE" module=grpc',
  'time="2026-11-26T09:06:35.635772118Z" level=info msg="[core] Subchannel Connectivity change to READY" module=grpc',
].join('\n');

describe('readyAfter', () => {
  it('skips the READY from before the restart and finds the one after it', () => {
    const restart = Date.parse('2026-11-26T09:06:34.977Z');
    expect(readyAfter(log, restart)).toBe(Date.parse('2026-11-26T09:06:35.635Z'));
  });
  it('says null while dockerd has not reconnected', () => {
    expect(readyAfter(log, Date.parse('2026-11-26T09:06:36Z'))).toBeNull();
    expect(readyAfter('', 0)).toBeNull();
  });
});

const ID = 'd299bce2daf89e52f36676a818a55b39d0e01302e219fa4fc933fe836ec411df';

describe('start-containerd', () => {
  it('starts containerd again and asks ctr tasks ls quietly until the task is back; logs the spawn and the last ask', async () => {
    const { ctx, d } = chainLab({ containerd: false, dockerd: false });
    answerLikeDaemons(ctx.sys, ctx.session.dir);
    chain(ctx).container = { id: ID, name: 'cl-shim', pid: 6521 };
    let asks = 0;
    ctx.sys.answer(d.ctrArgv('moby', ['tasks', 'ls']), () => (++asks < 3 ? { stdout: 'TASK    PID    STATUS\n' } : { stdout: `TASK    PID    STATUS\n${ID}    6521    RUNNING\n` }));
    const result = await startContainerd.run(ctx, { namespace: 'moby' });
    expect(ctx.sys.calls.map((c) => c.via)).toEqual(['start', 'program', 'program', 'program']);
    expect(result.log.map((e) => e.call)).toEqual(['spawn containerd', 'ctr']);
    expect(result.output[1]).toMatch(/^task d299bce2daf8 PID 6521 RUNNING: listed \d+ ms after the spawn \(3 asks\)$/);
    expect(result.stdout).toEqual(['TASK    PID    STATUS', `${ID}    6521    RUNNING`]);
    expect(chain(ctx).view.blocks?.[0]).toEqual({ title: "containerd's tasks", lines: ['ctr -n moby tasks ls', 'TASK  PID  STATUS', 'd299bce2daf8…  6521  RUNNING'] });
  });

  it('with dockerd, waits for its log to say the connection is READY again', async () => {
    const { ctx, d } = chainLab({ containerd: false });
    answerLikeDaemons(ctx.sys, ctx.session.dir);
    const soon = new Date(Date.now() + 200).toISOString();
    ctx.sys.files.set(d.layout.dockerLog, `time="${soon}" level=info msg="[core] Channel Connectivity change to READY" module=grpc\n`);
    ctx.sys.answer(d.ctrArgv('moby', ['tasks', 'ls']), { stdout: `TASK    PID    STATUS\n${ID}    6521    RUNNING\n` });
    const result = await startContainerd.run(ctx, { namespace: 'moby' });
    expect(result.output[2]).toMatch(/^dockerd reconnected \d+ ms after containerd's start \(gRPC backoff\); its event stream resumes$/);
  });

  it('needs the daemons made first', async () => {
    const { ctx } = chainLab();
    chain(ctx).daemons = undefined;
    await expect(startContainerd.run(ctx, { namespace: 'moby' })).rejects.toThrow(/no daemons yet/);
  });
});
