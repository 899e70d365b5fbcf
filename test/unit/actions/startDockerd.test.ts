// start-dockerd: dockerd on the containerd already running, started through the seam and waited for on /_ping.
import { describe, expect, it, vi } from 'vitest';
import { startDockerd } from '../../../src/actions/startDockerd.js';
import { dockerdArgs } from '../../../src/chain/daemonLayout.js';
import { join } from 'node:path';
import { FAKE_BIN, DOCKERD_PID, answerLikeDaemons, chainLab } from '../../support/fakeChain.js';

vi.mock('../../../src/chain/daemons.js', async (actual) => ({
  ...(await actual<typeof import('../../../src/chain/daemons.js')>()),
  requireBinaries: vi.fn(() => FAKE_BIN),
}));

describe('start-dockerd', () => {
  it('starts dockerd on the lab\'s containerd socket, logs the spawn with its time to ready', async () => {
    const { ctx, d } = chainLab({ dockerd: false });
    answerLikeDaemons(ctx.sys, ctx.session.dir);
    const result = await startDockerd.run(ctx, {});
    const start = ctx.sys.calls.find((c) => c.via === 'start');
    expect(start?.via === 'start' && start.argv.slice(start.argv.indexOf(FAKE_BIN.dockerd.path!))).toEqual([FAKE_BIN.dockerd.path, ...dockerdArgs(d.layout)]);
    expect(result.log.map((e) => [e.call, e.ret])).toEqual([['spawn dockerd', '5000']]);
    expect(result.output[1]).toBe(`its containerd: ${join(ctx.session.dir, 'containerd.sock')} (pid 4200001), namespace moby`);
    expect(d.dockerd?.pid).toBe(5000);
    expect(DOCKERD_PID).not.toBe(5000);
  });

  it('needs containerd first', async () => {
    const { ctx } = chainLab({ containerd: false, dockerd: false });
    await expect(startDockerd.run(ctx, {})).rejects.toThrow(/containerd is not running/);
  });
});
