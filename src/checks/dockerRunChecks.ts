// Checks for the docker-run lesson, each reading the kernel itself: hostname through nsenter,
// mountinfo and stat(2) through /proc/<pid>/root, ip(8) in each namespace, an HTTP request of its own.
// Every read goes through ctx.sys (programs with log: false): the unit tests give them a fake /proc.
// Requests go only to 127.0.0.1 or to the lab's own 10.200.<n>.0/24 addresses, never elsewhere.
import * as z from 'zod';
import { defineCheck, pass, fail } from '../steps/define.js';
import { volumeFile } from '../steps/params.js';
import { join } from 'node:path';
import { parseMountinfo } from '../observe/parse/mountinfo.js';
import { dockerRunIfStarted } from '../actions/dockerRunState.js';
import type { LabContext } from '../steps/context.js';
import { unpackedLayers } from '../actions/layersState.js';

function state(ctx: LabContext) {
  const s = dockerRunIfStarted(ctx);
  if (!s) throw new Error('the lesson has not started the docker-run steps');
  return s;
}

/** A program's stdout; throws with its stderr when it fails. Not logged: a check only looks. */
function output(ctx: LabContext, argv: string[], what = argv.join(' ')): string {
  const r = ctx.sys.runSync(argv, { timeoutMs: 5000, log: false });
  if (r.error || r.status !== 0) throw new Error(`${what} failed: ${r.stderr.trim() || r.error || 'status ' + r.status}`);
  return r.stdout;
}

/** nsenter(1) into some of a process's namespaces; rootless, its user namespace first to have rights there. */
function inNamespaces(ctx: LabContext, pid: number, flags: string[], argv: string[]): string {
  const user = ctx.rootless ? ['--user', '--preserve-credentials'] : [];
  return output(ctx, ['nsenter', '--target', String(pid), ...user, ...flags, '--', ...argv], `nsenter ${argv.join(' ')}`);
}

/** ip(8) in the network namespace a process holds. */
function ipIn(ctx: LabContext, pid: number, args: string[]): string {
  return output(ctx, ['nsenter', `--net=/proc/${pid}/ns/net`, 'ip', ...args], `ip ${args.join(' ')} in the namespace of ${pid}`);
}

/** "3: cl-eth0@if4: <...>" → names of the interfaces ip -o link lists. */
function linkNames(text: string): string[] {
  return text.split('\n').filter(Boolean).map((l) => /^\d+:\s+([^:@\s]+)/.exec(l)?.[1] ?? '?');
}

export const containerNamed = defineCheck({
  name: 'container-named',
  params: z.strictObject({}),
  doc: 'The container has docker\'s kind of name and id: the name is adjective_surname, the id 64 hex digits, and '
    + 'the hostname in the container\'s UTS namespace, read by hostname(1) run there through nsenter --uts, is the '
    + 'id\'s first 12 digits.',
  reads: ['`nsenter --target <container> --uts hostname` (run by the check)'],
  run: (ctx) => {
    const { name, id } = state(ctx);
    if (!name || !/^[a-z]+_[a-z]+$/.test(name)) return fail(`no adjective_surname name: ${name}`);
    if (!id || !/^[0-9a-f]{64}$/.test(id)) return fail(`the id is not 64 hex digits: ${id}`);
    const inside = inNamespaces(ctx, ctx.builder.pid, ['--uts'], ['hostname']).trim();
    return inside === id.slice(0, 12)
      ? pass(`${name}, id ${id.slice(0, 12)}…; hostname inside (read with nsenter) is ${inside}`)
      : fail(`hostname inside is ${inside}, not ${id.slice(0, 12)}`);
  },
});

export const volumeMounted = defineCheck({
  name: 'volume-mounted',
  params: z.strictObject({}),
  doc: 'The volume is a mount in the container\'s mount namespace only: its mount point under the container\'s root '
    + 'is in the container process\'s mountinfo and not in the helper\'s (the host\'s), and the directory seen '
    + 'there through /proc/<pid>/root (which resolves paths in that process\'s mount namespace) has the same device '
    + 'and inode as the host directory: one directory, two names.',
  reads: ['/proc/<container>/mountinfo', '/proc/self/mountinfo', 'lstat(2) of /proc/<container>/root<mount point> and of the host directory'],
  run: (ctx) => {
    const volume = state(ctx).volume;
    if (!volume) return fail('no volume yet');
    const point = volume.merged + volume.target;
    const inside = parseMountinfo(ctx.sys.readFile(`/proc/${ctx.builder.pid}/mountinfo`)).find((m) => m.mountPoint === point);
    if (!inside) return fail(`${point} is not a mount point in the container's mountinfo`);
    if (parseMountinfo(ctx.sys.readFile('/proc/self/mountinfo')).some((m) => m.mountPoint === point)) return fail(`the host sees the mount on ${point} too`);
    const seen = ctx.sys.lstat(`/proc/${ctx.builder.pid}/root${point}`);
    const host = ctx.sys.lstat(volume.host);
    return seen.dev === host.dev && seen.ino === host.ino
      ? pass(`${point} in the container's mountinfo (root ${inside.root}), not in the host's; same dev:ino as ${volume.host}`)
      : fail(`${point} inside is ${seen.dev}:${seen.ino}, the host directory ${host.dev}:${host.ino}`);
  },
});

export const volumeShows = defineCheck({
  name: 'volume-shows',
  params: z.strictObject({ file: volumeFile, text: z.string().min(1) }),
  doc: 'Both sides of the volume hold the text: the check reads the file in the host directory, and reads it inside '
    + 'the container\'s root as the helper sees it through /proc/<container>/root (the container\'s mount namespace), '
    + 'under the volume\'s mount point. Both reads resolve the path inside their root (openat2(2) RESOLVE_IN_ROOT): a '
    + 'symlink the container put in the volume cannot make this root check read a host file.',
  reads: ['<session>/volume/<file> (in-root)', '/proc/<container>/root<merged><mount point>/<file> (in-root)'],
  run: (ctx, { file, text }) => {
    const volume = state(ctx).volume;
    if (!volume) return fail('no volume yet');
    const onHost = ctx.sys.inRoot(volume.host, (r) => r.readFile(file));
    const inside = ctx.sys.inRoot(`/proc/${ctx.builder.pid}/root${volume.merged}`, (r) => r.readFile(`${volume.target}/${file}`));
    if (!onHost.includes(text)) return fail(`the host side ${join(volume.host, file)} does not hold the text`);
    if (!inside.includes(text)) return fail(`the container side ${volume.target}/${file} does not hold the text`);
    return pass(`both sides read the same bytes: host ${join(volume.host, file)}, container ${volume.target}/${file} (read inside the container's root)`);
  },
});

export const vethInLabOnly = defineCheck({
  name: 'veth-in-lab-only',
  params: z.strictObject({}),
  doc: 'The veth pair lives in the lab only: the host\'s network namespace has no cl- link (ip -o link show), the '
    + 'host, the lab (the bridge process) and the container are three different network namespaces '
    + '(/proc/<pid>/ns/net), and ip-link(8) run in each of the two others shows its veth end, UP.',
  reads: ['`ip -o link show` on the host and, through nsenter --net, in the lab and container namespaces (run by the check)', '/proc/{self,<bridge>,<container>}/ns/net'],
  run: (ctx) => {
    const net = state(ctx).network;
    if (!net) return fail('no lab network yet');
    const hostLinks = linkNames(output(ctx, ['ip', '-o', 'link', 'show'])).filter((n) => n.startsWith('cl-'));
    if (hostLinks.length > 0) return fail(`the host has cl- links: ${hostLinks.join(', ')}`);
    const hostNs = ctx.sys.readlink('/proc/self/ns/net');
    const bridgeNs = ctx.sys.readlink(`/proc/${net.bridgePid}/ns/net`);
    const containerNs = ctx.sys.readlink(`/proc/${ctx.builder.pid}/ns/net`);
    if (new Set([hostNs, bridgeNs, containerNs]).size !== 3) return fail(`the namespaces are not three: host ${hostNs}, lab ${bridgeNs}, container ${containerNs}`);
    const lab = ipIn(ctx, net.bridgePid, ['-o', 'link', 'show', net.bridgeIf]);
    const ctr = ipIn(ctx, ctx.builder.pid, ['-o', 'link', 'show', net.containerIf]);
    if (!/\bveth\b|@/.test(lab + ctr) || !/<[^>]*\bUP\b/.test(lab) || !/<[^>]*\bUP\b/.test(ctr)) return fail(`not two UP veth ends: ${lab.trim()} | ${ctr.trim()}`);
    return pass(`${net.bridgeIf} in ${bridgeNs}, ${net.containerIf} in ${containerNs}, both UP; no cl- link in the host's ${hostNs}`);
  },
});

export const addressesInLabOnly = defineCheck({
  name: 'addresses-in-lab-only',
  params: z.strictObject({}),
  doc: 'The lab\'s subnet exists only in the lab: the host has no address in 10.200.<n>.0/24 (ip -o addr show), '
    + 'the lab end holds 10.200.<n>.1/24 and the container end 10.200.<n>.2/24, each read with ip-address(8) in its '
    + 'own namespace.',
  reads: ['`ip -o addr show` on the host and, through nsenter --net, in the lab and container namespaces (run by the check)'],
  run: (ctx) => {
    const net = state(ctx).network;
    if (!net) return fail('no lab network yet');
    const prefix = `10.200.${net.subnet}.`;
    if (output(ctx, ['ip', '-o', 'addr', 'show']).includes(prefix)) return fail(`the host has an address in ${prefix}0/24`);
    const lab = ipIn(ctx, net.bridgePid, ['-o', 'addr', 'show', 'dev', net.bridgeIf]);
    const ctr = ipIn(ctx, ctx.builder.pid, ['-o', 'addr', 'show', 'dev', net.containerIf]);
    if (!lab.includes(`inet ${net.bridgeAddr}/24`)) return fail(`${net.bridgeIf} lacks ${net.bridgeAddr}/24: ${lab.trim()}`);
    if (!ctr.includes(`inet ${net.containerAddr}/24`)) return fail(`${net.containerIf} lacks ${net.containerAddr}/24: ${ctr.trim()}`);
    return pass(`${net.bridgeAddr}/24 on ${net.bridgeIf} (lab), ${net.containerAddr}/24 on ${net.containerIf} (container), none on the host`);
  },
});

/** A GET with node's http client (no curl needed), run where the check says: on the host, or in the lab namespace. */
export const GET = `const http=require('http');const r=http.get(process.argv[1],{timeout:4000},(res)=>{let b='';res.on('data',(c)=>b+=c);res.on('end',()=>{process.stdout.write(res.statusCode+'\\n'+b)})});r.on('timeout',()=>r.destroy(new Error('timeout')));r.on('error',(e)=>{process.stderr.write(e.message);process.exit(1)});`;

/** The only addresses a check may send to: the host's loopback, and a container address of the lab's own subnet. */
const LAB_ADDRESS = /^10\.200\.\d{1,3}\.2$/;

export const httpAnswers = defineCheck({
  name: 'http-answers',
  params: z.strictObject({
    from: z.enum(['host', 'lab']),
    contains: z.string().min(1),
    path: z.string().regex(/^\/[A-Za-z0-9._\/-]*$/).refine((p) => !p.includes('..'), 'no ..').optional(),
    port: z.number().int().min(1).max(65535).optional(),
  }),
  doc: 'The server answers a request the check makes itself, with node\'s http client in a child process: from: '
    + 'host asks the published port on 127.0.0.1 in the host\'s network namespace (through the forwarder); from: lab '
    + 'asks the container\'s address from inside the lab namespace (nsenter --net into the bridge process\'s), on '
    + '`port` if given, else the server step\'s. It asks for `path` (default /) and passes on status 200 with a body '
    + 'holding the text. Nothing is ever sent to any other address.',
  reads: ['an HTTP GET to 127.0.0.1:<published port>, or to 10.200.<n>.2:<port> from the lab namespace (run by the check)'],
  run: (ctx, { from, contains, path, port }) => {
    const s = state(ctx);
    let argv: string[];
    let url: string;
    if (from === 'host') {
      if (!s.forwarder) return fail('the port is not published yet');
      url = `http://127.0.0.1:${s.forwarder.port}${path ?? '/'}`;
      argv = [process.execPath, '-e', GET, url];
    } else {
      if (!s.network || !s.server) return fail('no lab network or server yet');
      if (!LAB_ADDRESS.test(s.network.containerAddr)) return fail(`${s.network.containerAddr} is not a lab address: not asked`);
      url = `http://${s.network.containerAddr}:${port ?? s.server.port}${path ?? '/'}`;
      argv = ['nsenter', `--net=/proc/${s.network.bridgePid}/ns/net`, process.execPath, '-e', GET, url];
    }
    const r = ctx.sys.runSync(argv, { timeoutMs: 6000, log: false });
    if (r.status !== 0) return fail(`GET ${url}${from === 'lab' ? ' from the lab namespace' : ''} failed: ${(r.stderr || r.error || '').trim()}`);
    const [status, ...body] = r.stdout.split('\n');
    return status === '200' && body.join('\n').includes(contains)
      ? pass(`GET ${url}${from === 'lab' ? ' (from the lab namespace)' : ' (from the host)'} → ${status}, body holds "${contains}"`)
      : fail(`GET ${url} → ${status}: ${body.join(' ').slice(0, 80)}`);
  },
});
