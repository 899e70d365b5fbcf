// start-daemons: containerd then dockerd started through the seam with the lab's flags, each waited for on its socket.
import { describe, expect, it, vi } from 'vitest';
import { startDaemons } from '../../../src/actions/startDaemons.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FAKE_BIN, answerLikeDaemons } from '../../support/fakeChain.js';
import { fakeLab } from '../../support/fakeLab.js';
import { chain } from '../../../src/actions/chainState.js';
import { requireBinaries } from '../../../src/chain/daemons.js';
import { startReaper } from '../../../src/chain/reaperClient.js';

vi.mock('../../../src/chain/daemons.js', async (actual) => ({
  ...(await actual<typeof import('../../../src/chain/daemons.js')>()),
  requireBinaries: vi.fn(() => FAKE_BIN),
}));
vi.mock('../../../src/chain/reaperClient.js', () => ({
  startReaper: vi.fn(() => ({ pid: 1, watch: vi.fn(), release: vi.fn(), close: vi.fn() })),
}));

function lab() {
  const dir = mkdtempSync(join(tmpdir(), 'cl-start-'));
  const ctx = fakeLab({ session: { id: 'test', dir } });
  ctx.sys.answer(['ip', '-o', 'link', 'show', 'docker0'], { status: 1, stderr: 'Device "docker0" does not exist.' });
  answerLikeDaemons(ctx.sys, dir);
  return { ctx, dir };
}

describe('start-daemons', () => {
  it('starts containerd and dockerd with their private flags, under setpriv --pdeathsig when there is one', async () => {
    const { ctx, dir } = lab();
    const result = await startDaemons.run(ctx, { docker: true });
    const starts = ctx.sys.calls.filter((c) => c.via === 'start');
    expect(starts).toHaveLength(2);
    const [containerd, dockerd] = starts.map((s) => (s.via === 'start' ? s : null)!);
    expect(containerd.argv.slice(containerd.argv.indexOf(FAKE_BIN.containerd.path!))).toEqual([FAKE_BIN.containerd.path, '--config', join(dir, 'containerd.toml')]);
    expect(containerd.output).toBe(join(dir, 'containerd.log'));
    expect(containerd.cwd).toBe(dir);
    if (containerd.argv[0] !== FAKE_BIN.containerd.path) expect(containerd.argv.slice(1, 4)).toEqual(['--pdeathsig', 'TERM', '--']);
    expect(dockerd.argv).toEqual(expect.arrayContaining(['--containerd', join(dir, 'containerd.sock'), '-H', `unix://${join(dir, 'docker.sock')}`, '--bridge=none', '--iptables=false']));
    expect(dockerd.output).toBe(join(dir, 'dockerd.log'));
    expect(result.log.map((e) => e.call)).toEqual(['spawn containerd', 'spawn dockerd']);
    expect(result.log[0].ret).toBe('5000');
    expect(result.output[0]).toMatch(/^containerd 1\.6\.20 pid 5000: ready in \d+ ms on .*containerd\.sock$/);
    expect(result.output[2]).toBe('no docker0, no iptables rules: --bridge=none --iptables=false');
    const c = chain(ctx);
    expect(c.daemons?.containerd?.pid).toBe(5000);
    expect(c.daemons?.dockerd?.pid).toBe(5001);
    expect(c.hostHadDocker0).toBe(false);
    // the mocks stood in: no discovery of this host's programs, no reaper process
    expect(vi.mocked(requireBinaries)).toHaveBeenCalledWith(['containerd', 'containerd-shim-runc-v2', 'runc', 'dockerd', 'docker', 'ctr']);
    expect(vi.mocked(startReaper)).toHaveBeenCalledTimes(1);
  });

  it('starts containerd alone with docker false', async () => {
    const { ctx } = lab();
    const result = await startDaemons.run(ctx, { docker: false });
    expect(ctx.sys.calls.filter((c) => c.via === 'start')).toHaveLength(1);
    expect(result.output).toHaveLength(1);
    expect(chain(ctx).daemons?.dockerd).toBeNull();
  });

  it('refuses without root: private daemons need it', async () => {
    const { ctx } = lab();
    ctx.rootless = true;
    await expect(startDaemons.run(ctx, { docker: true })).rejects.toThrow(/private daemons need root/);
    expect(ctx.sys.calls.filter((c) => c.via === 'start')).toEqual([]);
  });
});
