// lab-network: the bridge process started through the seam, then ip(8) in its namespace and in the container's.
import { describe, expect, it } from 'vitest';
import { labNetwork } from '../../../src/actions/labNetwork.js';
import { dockerRun, dockerRunIfStarted } from '../../../src/actions/dockerRunState.js';
import { programs } from '../../../src/sys/paths.js';
import { fakeLab } from '../../support/fakeLab.js';
import { RecordingSys } from '../../support/recordingSys.js';

const BRIDGE = 5000;

function lab(links: Record<string, string> = {}) {
  const sys = new RecordingSys({
    links: { '/proc/self/ns/net': 'net:[4026531833]', '/proc/1000/ns/net': 'net:[4026532177]', [`/proc/${BRIDGE}/ns/net`]: 'net:[4026532242]', ...links },
    files: { [`/proc/${BRIDGE}/cmdline`]: 'container-lab-bridge\0infinity\0' },
  });
  sys.answer(['unshare'], { pid: BRIDGE }).answer(['nsenter'], { status: 0 });
  return fakeLab({ sys });
}

describe('lab-network', () => {
  it('starts the bridge process, makes the veth pair inside its namespace with the peer sent into the container\'s, then addresses and routes', async () => {
    const ctx = lab();
    const result = await labNetwork.run(ctx, {});
    const net = dockerRun(ctx).network!;
    const n = net.subnet;
    expect(n).toBeGreaterThanOrEqual(1);
    expect(n).toBeLessThan(255);
    expect(net).toEqual({ bridgePid: BRIDGE, subnet: n, bridgeIf: 'cl-veth0', containerIf: 'cl-eth0', bridgeAddr: `10.200.${n}.1`, containerAddr: `10.200.${n}.2` });
    const inLab = ['nsenter', `--net=/proc/${BRIDGE}/ns/net`, 'ip'];
    const ctr = ['nsenter', '--net=/proc/1000/ns/net', 'ip'];
    expect(ctx.sys.calls).toEqual([
      { via: 'start', argv: ['unshare', '--net', '--', process.execPath, programs.init, String(process.pid), 'sleep', 'container-lab-bridge', 'infinity'], parentPipe: true, detached: true },
      { via: 'program', argv: [...inLab, 'link', 'add', 'cl-veth0', 'type', 'veth', 'peer', 'name', 'cl-eth0', 'netns', '1000'] },
      { via: 'program', argv: [...inLab, 'addr', 'add', `10.200.${n}.1/24`, 'dev', 'cl-veth0'] },
      { via: 'program', argv: [...inLab, 'link', 'set', 'cl-veth0', 'up'] },
      { via: 'program', argv: [...inLab, 'link', 'set', 'lo', 'up'] },
      { via: 'program', argv: [...ctr, 'addr', 'add', `10.200.${n}.2/24`, 'dev', 'cl-eth0'] },
      { via: 'program', argv: [...ctr, 'link', 'set', 'cl-eth0', 'up'] },
      { via: 'program', argv: [...ctr, 'link', 'set', 'lo', 'up'] },
      { via: 'program', argv: [...ctr, 'route', 'add', 'default', 'via', `10.200.${n}.1`] },
    ]);
    expect(result.log.map((e) => e.call)).toEqual(['spawn unshare', ...Array(8).fill('nsenter')]);
    expect(result.log[0].args).toEqual(['--net', '--', 'node', 'init.js', String(process.pid), 'sleep', 'container-lab-bridge', 'infinity']);
    expect(result.output[0]).toBe(`lab namespace   net:[4026532242]  held by host PID ${BRIDGE} (container-lab-bridge)`);
    expect(result.output[4]).toBe(`host            net:[4026531833]: no cl- link, no 10.200.${n}.x address`);
  });

  it('closing the session kills the bridge process (the slot\'s teardown)', async () => {
    const ctx = lab();
    await labNetwork.run(ctx, {});
    await ctx.slots.teardownAll();
    expect(ctx.sys.calls.at(-1)).toEqual({ via: 'kill', pid: BRIDGE, signal: 'SIGKILL' });
  });

  it('refuses while the container process is in the host\'s network namespace: nothing is started', async () => {
    const ctx = lab({ '/proc/1000/ns/net': 'net:[4026531833]' });
    await expect(labNetwork.run(ctx, {})).rejects.toThrow(/still in the host's network namespace/);
    expect(ctx.sys.calls).toEqual([]);
  });

  it('a failing ip(8) fails the step with its stderr, and the bridge is still ended at close', async () => {
    const ctx = lab();
    ctx.sys.programs.unshift({ match: (argv) => argv.includes('route'), answer: { status: 2, stderr: 'RTNETLINK answers: Network is unreachable\n' } });
    await expect(labNetwork.run(ctx, {})).rejects.toThrow(/ip route add default via 10\.200\.\d+\.1 in the namespace of 1000 failed: RTNETLINK answers: Network is unreachable/);
    await ctx.slots.teardownAll();
    expect(ctx.sys.calls.at(-1)).toEqual({ via: 'kill', pid: BRIDGE, signal: 'SIGKILL' });
  });

  it('refuses a second lab network', async () => {
    const ctx = lab();
    await labNetwork.run(ctx, {});
    await expect(labNetwork.run(ctx, {})).rejects.toThrow(/already there \(bridge process 5000\)/);
    expect(dockerRunIfStarted(ctx)?.started).toHaveLength(1);
  });
});
