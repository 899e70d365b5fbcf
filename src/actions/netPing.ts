// One container pings another over the lab bridge: ICMP echo from a raw socket in its namespace, and the packet counters around it.
import * as z from 'zod';
import { defineAction, syscall, kernelFile, outcome } from '../steps/define.js';
import { requireLab, requireNetContainer, startProbe, packetCounters } from './containerNetState.js';
import { LabError } from '../errors.js';

interface Echo { seq: number; ttl: number; ms: number }

export const netPing = defineAction({
  name: 'net-ping',
  params: z.strictObject({ from: z.enum(['c1', 'c2']), to: z.enum(['c1', 'c2']), count: z.number().int().min(1).max(10).default(3) }),
  doc: 'ping(8)\'s work, done by the lab: the helper starts src/programs/netProbe.ts, which setns(2)s into the '
    + '`from` container\'s network namespace, opens a raw ICMP socket (raw(7), icmp(7)) and sends `count` echo '
    + 'requests to the `to` container\'s address, each waiting up to 1 s for its echo reply. Before and after, the step '
    + 'reads the RX/TX packet counters of both containers\' eth0 and of their bridge ports from /proc/<pid>/net/dev '
    + '(the counters /sys/class/net/<if>/statistics shows in that namespace). The learner sees each reply with its '
    + 'TTL and time, and the counters grow by what crossed the bridge.',
  host: {
    effect: 'sends ICMP echo requests from one lab container to another, inside the lab network namespaces only',
    untrusted: 'allowed',
  },
  performs: [syscall('sendto', 'raw(7) icmp(7)'), syscall('setns', 'CLONE_NEWNET setns(2)'), kernelFile('/proc/<pid>/net/dev', 'proc(5)')],
  needs: ['net container {from}', 'net container {to}'],
  run: async (ctx, { from, to, count }) => {
    if (from === to) throw new LabError('from and to are the same container', 'ping the other container');
    const { sys } = ctx;
    const lab = requireLab(ctx);
    const a = requireNetContainer(ctx, from);
    const b = requireNetContainer(ctx, to);
    const read = () => ({
      aEth: packetCounters(sys, a.pid, 'eth0'), bEth: packetCounters(sys, b.pid, 'eth0'),
      aPort: packetCounters(sys, lab.pid, a.port!), bPort: packetCounters(sys, lab.pid, b.port!),
    });
    const before = read();
    const { answer, log } = await startProbe(ctx, a.pid, ['ping', b.addr!, String(count)], 5000 + count * 1500);
    const after = read();
    const replies = (answer.replies as Echo[] | undefined) ?? [];
    const row = (label: string, k: keyof typeof before) =>
      `  ${label.padEnd(14)} RX ${String(before[k].rx).padStart(4)} → ${String(after[k].rx).padEnd(5)} TX ${String(before[k].tx).padStart(4)} → ${after[k].tx}`;
    const lines = [
      `${from} (${a.addr}) → ${to} (${b.addr}): ${count} echo requests, ${replies.length} replies`,
      ...replies.map((r) => `  reply seq=${r.seq} ttl=${r.ttl} time=${r.ms} ms`),
      'packets (/proc/<pid>/net/dev, before → after):',
      row(`${from} eth0`, 'aEth'), row(`lab ${a.port}`, 'aPort'), row(`lab ${b.port}`, 'bPort'), row(`${to} eth0`, 'bEth'),
    ];
    if (replies.length === 0) throw new LabError(`no echo reply from ${to} (${b.addr})`, undefined, undefined, log);
    return outcome(log, lines, lines);
  },
});
