// Checks for the containers-on-a-network lesson, each reading the kernel itself: ip(8) and nft(8)
// through nsenter in the lab's namespaces, /proc/<pid>/net/{snmp,nf_conntrack}, /proc/<pid>/ns/net,
// and a request of its own. Requests go only to 127.0.0.1 or 10.201.<n>.0/24 inside lab namespaces.
import * as z from 'zod';
import { defineCheck, pass, fail } from '../steps/define.js';
import { containerNetIfStarted, placePid, targetAddr, BRIDGE_IF, NFT_TABLE } from '../actions/containerNetState.js';
import type { LabContext } from '../steps/context.js';
import { GET } from './dockerRunChecks.js';

/** A program's stdout, run in the network namespace of `pid`; throws with its stderr. Not logged: a check only looks. */
function inNet(ctx: LabContext, pid: number | null, argv: string[]): string {
  const full = pid === null ? argv : ['nsenter', `--net=/proc/${pid}/ns/net`, ...argv];
  const r = ctx.sys.runSync(full, { timeoutMs: 6000, log: false });
  if (r.error || r.status !== 0) throw new Error(`${argv.join(' ')} failed: ${r.stderr.trim() || r.error || 'status ' + r.status}`);
  return r.stdout;
}

function labPid(ctx: LabContext): number | null {
  return containerNetIfStarted(ctx)?.lab?.pid ?? null;
}

export const bridgePorts = defineCheck({
  name: 'bridge-ports',
  params: z.strictObject({ ports: z.array(z.string().regex(/^cl-[a-z0-9]+$/)) }),
  doc: `The lab namespace has the bridge ${BRIDGE_IF}, UP, and exactly these ports (\`ip -o link show master ${BRIDGE_IF}\` `
    + 'run through nsenter --net in it), each UP; the host\'s namespace has no link of those names and no bridge of '
    + 'that name (`ip -o link show` on the host).',
  reads: [`\`ip -o link show\` in the lab namespace (nsenter --net) and on the host (run by the check)`],
  run: (ctx, { ports }) => {
    const lab = labPid(ctx);
    if (lab === null) return fail('no lab bridge yet');
    const bridge = inNet(ctx, lab, ['ip', '-o', 'link', 'show', 'dev', BRIDGE_IF]);
    if (!/<[^>]*\bUP\b/.test(bridge)) return fail(`${BRIDGE_IF} is not UP: ${bridge.trim()}`);
    const found = inNet(ctx, lab, ['ip', '-o', 'link', 'show', 'master', BRIDGE_IF]).split('\n').filter(Boolean)
      .map((l) => ({ name: /^\d+:\s+([^:@\s]+)/.exec(l)?.[1] ?? '?', up: /<[^>]*\bUP\b/.test(l) }));
    const names = found.map((p) => p.name).sort();
    if (names.join(',') !== [...ports].sort().join(',')) return fail(`ports of ${BRIDGE_IF}: ${names.join(', ') || 'none'}; expected ${ports.join(', ') || 'none'}`);
    const down = found.filter((p) => !p.up).map((p) => p.name);
    if (down.length) return fail(`${down.join(', ')} not UP`);
    const host = inNet(ctx, null, ['ip', '-o', 'link', 'show']);
    const onHost = [BRIDGE_IF, ...ports].filter((n) => new RegExp(`^\\d+:\\s+${n}[:@]`, 'm').test(host));
    if (onHost.length) return fail(`the host has ${onHost.join(', ')}`);
    return pass(`${BRIDGE_IF} UP in the lab namespace, ports: ${names.join(', ') || 'none'}; none of them on the host`);
  },
});

export const icmpEchoes = defineCheck({
  name: 'icmp-echoes',
  params: z.strictObject({ in: z.enum(['c1', 'c2']), atLeast: z.number().int().min(1) }),
  doc: 'The container\'s network namespace answered echo requests: its ICMP counters (/proc/<pid>/net/snmp, per '
    + 'network namespace) show at least `atLeast` InEchos and as many OutEchoReps.',
  reads: ['/proc/<container>/net/snmp'],
  run: (ctx, p) => {
    const c = containerNetIfStarted(ctx)?.containers.get(p.in);
    if (!c) return fail(`no container ${p.in} yet`);
    const rows = ctx.sys.readFile(`/proc/${c.pid}/net/snmp`).split('\n').filter((l) => l.startsWith('Icmp:'));
    if (rows.length < 2) return fail('no Icmp rows in /proc/<pid>/net/snmp');
    const names = rows[0].split(/\s+/);
    const values = rows[1].split(/\s+/).map(Number);
    const get = (n: string) => values[names.indexOf(n)] ?? 0;
    const inEchos = get('InEchos');
    const outReps = get('OutEchoReps');
    return inEchos >= p.atLeast && outReps >= p.atLeast
      ? pass(`${p.in}: InEchos ${inEchos}, OutEchoReps ${outReps}`)
      : fail(`${p.in}: InEchos ${inEchos}, OutEchoReps ${outReps}; expected at least ${p.atLeast}`);
  },
});

export const dnatRule = defineCheck({
  name: 'dnat-rule',
  params: z.strictObject({ port: z.number().int().min(1).max(65535), to: z.enum(['c1', 'c2']), toPort: z.number().int().min(1).max(65535) }),
  doc: 'The lab namespace\'s own nftables ruleset (`nft list ruleset` through nsenter --net) holds a rule '
    + '`tcp dport <port> … dnat to <container address>:<toPort>`, and the host\'s ruleset (`nft list ruleset` on '
    + `the host) has no table ${NFT_TABLE} and no rule for that address.`,
  reads: ['`nft list ruleset` in the lab namespace and on the host (run by the check)'],
  run: (ctx, { port, to, toPort }) => {
    const lab = labPid(ctx);
    if (lab === null) return fail('no lab bridge yet');
    const addr = targetAddr(ctx, to);
    const rules = inNet(ctx, lab, ['nft', 'list', 'ruleset']);
    const rule = rules.split('\n').map((l) => l.trim()).find((l) => l.includes(`tcp dport ${port} `) && l.includes(`dnat to ${addr}:${toPort}`));
    if (!rule) return fail(`no rule tcp dport ${port} … dnat to ${addr}:${toPort} in the lab namespace`);
    const host = inNet(ctx, null, ['nft', 'list', 'ruleset']);
    if (host.includes(NFT_TABLE) || host.includes(addr)) return fail(`the host's ruleset mentions ${NFT_TABLE} or ${addr}`);
    return pass(`lab namespace: ${rule}; the host's ruleset has neither`);
  },
});

export const conntrackEntry = defineCheck({
  name: 'conntrack-entry',
  params: z.strictObject({ port: z.number().int().min(1).max(65535), to: z.enum(['c1', 'c2']).optional() }),
  doc: 'The lab namespace\'s connection tracking table (/proc/<lab>/net/nf_conntrack; conntrack(8) reads the same '
    + 'table over netlink) has an ESTABLISHED TCP entry whose original tuple goes to `port`; with `to`, its reply '
    + 'tuple comes from that container\'s address: the DNAT is recorded in the entry.',
  reads: ['/proc/<lab>/net/nf_conntrack'],
  run: (ctx, { port, to }) => {
    const lab = labPid(ctx);
    if (lab === null) return fail('no lab bridge yet');
    let table: string;
    try {
      table = ctx.sys.readFile(`/proc/${lab}/net/nf_conntrack`);
    } catch {
      return fail(`/proc/${lab}/net/nf_conntrack is not there: the nf_conntrack module is not loaded`);
    }
    const entries = table.split('\n').filter((l) => / tcp /.test(l) && l.includes('ESTABLISHED'))
      .map((l) => l.replace(/\s+/g, ' ').trim())
      .filter((l) => [...l.matchAll(/dport=(\d+)/g)][0]?.[1] === String(port));
    if (!entries.length) return fail(`no ESTABLISHED entry to port ${port} in the lab namespace's conntrack table`);
    if (!to) return pass(entries[0]);
    const addr = targetAddr(ctx, to);
    const natted = entries.find((l) => [...l.matchAll(/src=(\S+)/g)][1]?.[1] === addr);
    return natted ? pass(natted) : fail(`the entries to port ${port} have no reply from ${addr}: ${entries[0]}`);
  },
});

export const sameNetns = defineCheck({
  name: 'same-netns',
  params: z.strictObject({ a: z.enum(['c1', 'c2', 'side']), b: z.enum(['c1', 'c2', 'side']) }),
  doc: 'Two lab containers are in one network namespace: readlink(2) of /proc/<pid>/ns/net gives the same '
    + '"net:[inode]" for both, and it is not the host\'s.',
  reads: ['/proc/<pid>/ns/net'],
  run: (ctx, { a, b }) => {
    const s = containerNetIfStarted(ctx);
    const pa = s?.containers.get(a)?.pid;
    const pb = s?.containers.get(b)?.pid;
    if (!pa || !pb) return fail(`no container ${!pa ? a : b} yet`);
    const na = ctx.sys.readlink(`/proc/${pa}/ns/net`);
    const nb = ctx.sys.readlink(`/proc/${pb}/ns/net`);
    const host = ctx.sys.readlink('/proc/self/ns/net');
    if (na === host) return fail(`${a} is in the host's network namespace`);
    return na === nb ? pass(`${a} and ${b}: ${na}`) : fail(`${a}: ${na}, ${b}: ${nb}`);
  },
});

export const httpFrom = defineCheck({
  name: 'http-from',
  params: z.strictObject({
    from: z.enum(['lab', 'c1', 'c2', 'side']),
    to: z.enum(['lab', 'loopback', 'c1', 'c2']),
    port: z.number().int().min(1).max(65535),
    contains: z.string().min(1).optional(),
    refused: z.boolean().default(false),
  }),
  doc: 'The check makes its own request: node\'s http client, run with nsenter --net in the `from` namespace (the '
    + 'lab\'s or a container\'s), GETs http://<to>:<port>/ (the bridge\'s address, that namespace\'s 127.0.0.1, or a '
    + 'container\'s eth0) and passes on status 200 with a body holding `contains`; with refused: true it passes '
    + 'when the connection is refused.',
  reads: ['an HTTP GET from inside a lab network namespace to 127.0.0.1 or a 10.201 address there (run by the check)'],
  run: (ctx, { from, to, port, contains, refused }) => {
    const url = `http://${targetAddr(ctx, to)}:${port}/`;
    const pid = placePid(ctx, from);
    const r = ctx.sys.runSync(['nsenter', `--net=/proc/${pid}/ns/net`, process.execPath, '-e', GET, url], { timeoutMs: 6000, log: false });
    const where = `GET ${url} from ${from === 'lab' ? 'the lab namespace' : from}`;
    if (refused) {
      return r.status !== 0 && /ECONNREFUSED/.test(r.stderr) ? pass(`${where}: connection refused`) : fail(`${where}: ${r.status === 0 ? 'answered' : r.stderr.trim()}`);
    }
    if (r.status !== 0) return fail(`${where} failed: ${(r.stderr || r.error || '').trim()}`);
    const [status, ...body] = r.stdout.split('\n');
    const text = body.join('\n');
    return status === '200' && (!contains || text.includes(contains))
      ? pass(`${where} → ${status}, "${text.trim()}"`)
      : fail(`${where} → ${status}: ${text.trim().slice(0, 80)}`);
  },
});
