// net-dnat: the nftables table fed to nft -f - inside the lab namespace, never on the host.
import { describe, expect, it } from 'vitest';
import { netDnat, dnatRuleset } from '../../../src/actions/netDnat.js';
import { containerNet } from '../../../src/actions/containerNetState.js';
import { fakeLab } from '../../support/fakeLab.js';

const LAB = 5000;

function lab() {
  const ctx = fakeLab();
  ctx.sys.answer(['nsenter'], { status: 0, stdout: 'table ip container-lab {\n}\n' });
  const s = containerNet(ctx);
  s.lab = { pid: LAB, subnet: 7, addr: '10.201.7.1' };
  s.containers.set('c1', { name: 'c1', pid: 1000, addr: '10.201.7.2', port: 'cl-c1' });
  return ctx;
}

describe('net-dnat', () => {
  it('writes moby\'s nat chains with one DNAT rule, loopback left out of the output hook', () => {
    const rules = dnatRuleset(8080, '10.201.7.2', 80);
    expect(rules).toContain('table ip container-lab {');
    expect(rules).toContain('ip daddr != 127.0.0.0/8 fib daddr type local counter jump nat-prerouting-and-output');
    expect(rules).toContain('iifname != "cl-br0" tcp dport 8080 counter dnat to 10.201.7.2:80 comment "DNAT"');
  });

  it('loads the table with nft inside the lab namespace and lists it', async () => {
    const ctx = lab();
    const result = await netDnat.run(ctx, { port: 8080, to: 'c1', toPort: 80 });
    expect(ctx.sys.calls).toEqual([
      { via: 'program', argv: ['nsenter', `--net=/proc/${LAB}/ns/net`, 'nft', '-f', '-'], input: dnatRuleset(8080, '10.201.7.2', 80) },
      { via: 'program', argv: ['nsenter', `--net=/proc/${LAB}/ns/net`, 'nft', 'list', 'table', 'ip', 'container-lab'] },
    ]);
    expect(containerNet(ctx).published).toEqual({ port: 8080, to: 'c1', toPort: 80 });
    expect(result.output[0]).toBe(`nft list table ip container-lab  (in the lab namespace, host PID ${LAB}):`);
  });

  it('refuses a second published port and a missing container', async () => {
    const ctx = lab();
    await netDnat.run(ctx, { port: 8080, to: 'c1', toPort: 80 });
    await expect(netDnat.run(ctx, { port: 8081, to: 'c1', toPort: 80 })).rejects.toThrow(/already published/);
    await expect(netDnat.run(lab(), { port: 8080, to: 'c2', toPort: 80 })).rejects.toThrow(/no container c2/);
  });
});
