// A published port the way Docker's nftables backend writes it: a DNAT rule, in the lab namespace's own ruleset.
import * as z from 'zod';
import { defineAction, program, outcome } from '../steps/define.js';
import { containerNet, requireLab, requireNetContainer, inNetns, lines, BRIDGE_IF, NFT_TABLE } from './containerNetState.js';
import { LabError } from '../errors.js';

/** The rules of moby's nftables backend for `-p <port>:<toPort>` with the userland proxy on, in a table of the lab's. */
export function dnatRuleset(port: number, toAddr: string, toPort: number): string {
  return [
    `table ip ${NFT_TABLE} {`,
    '  chain nat-OUTPUT {',
    '    type nat hook output priority -100; policy accept;',
    '    ip daddr != 127.0.0.0/8 fib daddr type local counter jump nat-prerouting-and-output',
    '  }',
    '  chain nat-PREROUTING {',
    '    type nat hook prerouting priority -100; policy accept;',
    '    fib daddr type local counter jump nat-prerouting-and-output',
    '  }',
    '  chain nat-prerouting-and-output {',
    `    iifname != "${BRIDGE_IF}" tcp dport ${port} counter dnat to ${toAddr}:${toPort} comment "DNAT"`,
    '  }',
    '}',
    '',
  ].join('\n');
}

export const netDnat = defineAction({
  name: 'net-dnat',
  params: z.strictObject({ port: z.number().int().min(1).max(65535).default(8080), to: z.enum(['c1', 'c2']), toPort: z.number().int().min(1).max(65535).default(80) }),
  doc: 'docker run -p <port>:<toPort>, the kernel\'s half: nft(8), run by the helper inside the lab namespace '
    + `(nsenter --net), loads a table "ip ${NFT_TABLE}" into that namespace's own ruleset: nat chains on the output `
    + 'and prerouting hooks that send packets for a local address (fib daddr type local) to a chain with one DNAT '
    + 'rule, tcp dport <port> → <container address>:<toPort>, as moby\'s nftables backend writes them. Locally '
    + 'made packets to 127.0.0.0/8 are left out, as Docker does while its userland proxy is on. The learner sees the '
    + 'table as nft lists it. The host\'s ruleset is never touched: each network namespace has its own.',
  host: {
    effect: 'adds a nat table (DNAT of port {port}) to the lab network namespace\'s own nftables ruleset; the host\'s ruleset is untouched',
    untrusted: 'allowed',
  },
  performs: [program('nft', 'nft(8)'), program('nsenter', 'nsenter(1)')],
  needs: ['lab bridge', 'net container {to}'],
  provides: ['published port'],
  run: async (ctx, { port, to, toPort }) => {
    const { sys } = ctx;
    const lab = requireLab(ctx);
    const c = requireNetContainer(ctx, to);
    const state = containerNet(ctx);
    if (state.published) throw new LabError(`port ${state.published.port} is already published`);
    await inNetns(sys, lab.pid, ['nft', '-f', '-'], dnatRuleset(port, c.addr!, toPort));
    state.published = { port, to, toPort };
    const listed = await inNetns(sys, lab.pid, ['nft', 'list', 'table', 'ip', NFT_TABLE]);
    return outcome(sys.drain(), [`nft list table ip ${NFT_TABLE}  (in the lab namespace, host PID ${lab.pid}):`, ...lines(listed)]);
  },
});
