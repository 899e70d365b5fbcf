// A connection that stays open, and what conntrack holds for it in the lab namespace while it lives.
import * as z from 'zod';
import { defineAction, syscall, kernelFile, outcome } from '../steps/define.js';
import { containerNet, requireLab, placePid, targetAddr, startProbe, conntrackLines, conntrackPair, NFT_TABLE } from './containerNetState.js';
import { LabError } from '../errors.js';

export const netConnect = defineAction({
  name: 'net-connect',
  params: z.strictObject({
    from: z.enum(['lab', 'c1', 'c2', 'side']),
    to: z.enum(['lab', 'loopback', 'c1', 'c2']),
    port: z.number().int().min(1).max(65535),
    expect: z.enum(['answer', 'refused']).default('answer'),
  }),
  doc: 'src/programs/netProbe.ts setns(2)s into the `from` namespace (the lab\'s, or a container\'s), connects to '
    + 'the `to` address (the bridge\'s 10.201.<n>.1, 127.0.0.1 of that namespace, or a container\'s eth0) on `port`, '
    + 'sends one HTTP/1.1 GET with keep-alive and keeps the connection open until the lesson closes. While it lives '
    + 'the step reads /proc/<lab>/net/nf_conntrack, the lab namespace\'s connection tracking table, and shows the '
    + 'entries for the port: for a DNATed connection the original tuple goes to the published port and the reply '
    + 'tuple comes from the container. With expect: refused the step passes when the connection is refused and '
    + `shows the DNAT rule's counter (nft list table ip ${NFT_TABLE}).`,
  host: {
    effect: 'opens a TCP connection inside a lab network namespace (to a 10.201 address or that namespace\'s 127.0.0.1) and keeps it open',
    untrusted: 'allowed',
  },
  performs: [syscall('connect', 'connect(2)'), kernelFile('/proc/<pid>/net/nf_conntrack', 'conntrack(8) proc(5)')],
  needs: ['lab bridge'],
  run: async (ctx, { from, to, port, expect }) => {
    const { sys } = ctx;
    const lab = requireLab(ctx);
    const addr = targetAddr(ctx, to);
    const pid = placePid(ctx, from);
    const where = `${addr}:${port} from ${from === 'lab' ? 'the lab namespace' : from}`;
    const dnatRule = async () => (await sys.run(['nsenter', `--net=/proc/${lab.pid}/ns/net`, 'nft', 'list', 'chain', 'ip', NFT_TABLE, 'nat-prerouting-and-output'], { timeoutMs: 5000 }))
      .stdout.split('\n').find((l) => l.includes('dnat to'))?.trim() ?? '(no DNAT rule)';
    const ruleBefore = expect === 'refused' ? await dnatRule() : '';
    let result;
    try {
      result = await startProbe(ctx, pid, ['connect', addr, String(port)]);
    } catch (error) {
      if (expect === 'refused' && error instanceof LabError && /ECONNREFUSED/.test(error.message)) {
        const ruleAfter = await dnatRule();
        return outcome([...error.log ?? [], ...sys.drain()], [
          `${where}: connection refused`,
          'the DNAT rule, before and after (its counter counts the packets it rewrote):',
          `  ${ruleBefore}`,
          `  ${ruleAfter}`,
        ]);
      }
      throw error;
    }
    if (expect === 'refused') throw new LabError(`${where} answered: ${String(result.answer.body).trim()}`, undefined, undefined, result.log);
    const { answer, log, probe } = result;
    containerNet(ctx).held = { pid: probe.pid, local: String(answer.local), remote: String(answer.remote) };
    let tracked: string[];
    try {
      const published = containerNet(ctx).published;
      const upstream = published ? `dst=${targetAddr(ctx, published.to as 'c1' | 'c2')} sport=` : null;
      tracked = conntrackLines(sys, lab.pid, `dport=${port} `).filter((l) => l.includes('ESTABLISHED'));
      // the proxy's own connection to the container is a second entry, to the container's port
      if (upstream && to === 'loopback') tracked.push(...conntrackLines(sys, lab.pid, upstream).filter((l) => l.includes(`dport=${published!.toPort} `) && l.includes('ESTABLISHED') && !tracked.includes(l)));
    } catch (error) {
      tracked = [`(no /proc/${lab.pid}/net/nf_conntrack: ${(error as Error).message}; the kernel has no nf_conntrack module loaded)`];
    }
    return outcome(log, [
      `${where}: HTTP ${String(answer.status)}, "${String(answer.body).trim()}"`,
      `the socket: ${String(answer.local)} → ${String(answer.remote)} (held open, host PID ${probe.pid})`,
      `conntrack in the lab namespace (/proc/${lab.pid}/net/nf_conntrack), ESTABLISHED:`,
      ...(tracked.length ? tracked.flatMap((l) => conntrackPair(l).map((x) => `  ${x}`)) : ['  (none)']),
    ], [String(answer.body)]);
  },
});
