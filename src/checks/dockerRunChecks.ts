// Checks for the docker-run lesson, each reading the kernel itself: hostname through nsenter,
import { z } from 'zod';
import { defineCheck, pass, fail } from '../steps/define.js';
import { volumeFile } from '../steps/params.js';
// mountinfo and stat(2) through /proc/<pid>/root, ip(8) in each namespace, an HTTP request of its own.
import { spawnSync } from 'node:child_process';
import { readFileSync, readlinkSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { nsenter } from './nsenter.js';
import { parseMountinfo } from '../observe/parse/mountinfo.js';
import type { LabContext } from '../steps/context.js';
import { unpackedLayers } from '../actions/layersState.js';

function state(ctx: LabContext) {
  const s = ctx.dockerRun;
  if (!s) throw new Error('the lesson has not started the docker-run steps');
  return s;
}

function ipIn(pid: number, args: string[]): string {
  const r = spawnSync('nsenter', [`--net=/proc/${pid}/ns/net`, 'ip', ...args], { encoding: 'utf8', timeout: 5000 });
  if (r.status !== 0) throw new Error(`ip ${args.join(' ')} in the namespace of ${pid} failed: ${(r.stderr || r.error?.message || '').trim()}`);
  return r.stdout;
}

function hostIp(args: string[]): string {
  const r = spawnSync('ip', args, { encoding: 'utf8', timeout: 5000 });
  if (r.status !== 0) throw new Error(`ip ${args.join(' ')} failed: ${(r.stderr || r.error?.message || '').trim()}`);
  return r.stdout;
}

/** "3: cl-eth0@if4: <...UP...>" → names of the interfaces ip -o link lists. */
function linkNames(text: string): string[] {
  return text.split('\n').filter(Boolean).map((l) => /^\d+:\s+([^:@\s]+)/.exec(l)?.[1] ?? '?');
}

export const containerNamed = defineCheck({
  name: 'container-named',
  params: z.strictObject({}),
  doc: '',
  reads: [],
  run: (ctx) => {
    const { name, id } = state(ctx);
    if (!name || !/^[a-z]+_[a-z]+$/.test(name)) return fail(`no adjective_surname name: ${name}`);
    if (!id || !/^[0-9a-f]{64}$/.test(id)) return fail(`the id is not 64 hex digits: ${id}`);
    const inside = nsenter(ctx.builder.pid, ['uts'], ['hostname'], ctx.rootless).trim();
    return inside === id.slice(0, 12)
      ? pass(`${name}, id ${id.slice(0, 12)}…; hostname inside (read with nsenter) is ${inside}`)
      : fail(`hostname inside is ${inside}, not ${id.slice(0, 12)}`);
  },
});

export const volumeMounted = defineCheck({
  name: 'volume-mounted',
  params: z.strictObject({}),
  doc: '',
  reads: [],
  run: (ctx) => {
    const volume = state(ctx).volume;
    const merged = unpackedLayers(ctx)?.containers.c1?.merged;
    if (!volume || !merged) return fail('no volume yet');
    const point = merged + volume.target;
    const inside = parseMountinfo(readFileSync(`/proc/${ctx.builder.pid}/mountinfo`, 'utf8')).find((m) => m.mountPoint === point);
    if (!inside) return fail(`${point} is not a mount point in the container's mountinfo`);
    if (parseMountinfo(readFileSync('/proc/self/mountinfo', 'utf8')).some((m) => m.mountPoint === point)) return fail(`the host sees the mount on ${point} too`);
    // /proc/<pid>/root resolves paths in that process's mount namespace.
    const seen = statSync(`/proc/${ctx.builder.pid}/root${point}`);
    const host = statSync(volume.host);
    return seen.dev === host.dev && seen.ino === host.ino
      ? pass(`${point} in the container's mountinfo (root ${inside.root}), not in the host's; same dev:ino as ${volume.host}`)
      : fail(`${point} inside is ${seen.dev}:${seen.ino}, the host directory ${host.dev}:${host.ino}`);
  },
});

export const volumeShows = defineCheck({
  name: 'volume-shows',
  params: z.strictObject({ file: volumeFile, text: z.string().min(1) }),
  doc: '',
  reads: [],
  run: (ctx, { file, text }) => {
    const volume = state(ctx).volume;
    const merged = unpackedLayers(ctx)?.containers.c1?.merged;
    if (!volume || !merged) return fail('no volume yet');
    const onHost = readFileSync(join(volume.host, file), 'utf8');
    const inside = nsenter(ctx.builder.pid, ['mount'], ['cat', `${merged}${volume.target}/${file}`], ctx.rootless);
    if (!onHost.includes(text)) return fail(`the host side ${join(volume.host, file)} does not hold the text`);
    if (!inside.includes(text)) return fail(`the container side ${volume.target}/${file} does not hold the text`);
    return pass(`both sides read the same bytes: host ${join(volume.host, file)}, container ${volume.target}/${file} (via nsenter --mount cat)`);
  },
});

export const vethInLabOnly = defineCheck({
  name: 'veth-in-lab-only',
  params: z.strictObject({}),
  doc: '',
  reads: [],
  run: (ctx) => {
    const net = state(ctx).network;
    if (!net) return fail('no lab network yet');
    const hostLinks = linkNames(hostIp(['-o', 'link', 'show'])).filter((n) => n.startsWith('cl-'));
    if (hostLinks.length > 0) return fail(`the host has cl- links: ${hostLinks.join(', ')}`);
    const hostNs = readlinkSync('/proc/self/ns/net');
    const bridgeNs = readlinkSync(`/proc/${net.bridgePid}/ns/net`);
    const containerNs = readlinkSync(`/proc/${ctx.builder.pid}/ns/net`);
    if (new Set([hostNs, bridgeNs, containerNs]).size !== 3) return fail(`the namespaces are not three: host ${hostNs}, lab ${bridgeNs}, container ${containerNs}`);
    const lab = ipIn(net.bridgePid, ['-o', 'link', 'show', net.bridgeIf]);
    const ctr = ipIn(ctx.builder.pid, ['-o', 'link', 'show', net.containerIf]);
    if (!/\bveth\b|@/.test(lab + ctr) || !/<[^>]*\bUP\b/.test(lab) || !/<[^>]*\bUP\b/.test(ctr)) return fail(`not two UP veth ends: ${lab.trim()} | ${ctr.trim()}`);
    return pass(`${net.bridgeIf} in ${bridgeNs}, ${net.containerIf} in ${containerNs}, both UP; no cl- link in the host's ${hostNs}`);
  },
});

export const addressesInLabOnly = defineCheck({
  name: 'addresses-in-lab-only',
  params: z.strictObject({}),
  doc: '',
  reads: [],
  run: (ctx) => {
    const net = state(ctx).network;
    if (!net) return fail('no lab network yet');
    const prefix = `10.200.${net.subnet}.`;
    if (hostIp(['-o', 'addr', 'show']).includes(prefix)) return fail(`the host has an address in ${prefix}0/24`);
    const lab = ipIn(net.bridgePid, ['-o', 'addr', 'show', 'dev', net.bridgeIf]);
    const ctr = ipIn(ctx.builder.pid, ['-o', 'addr', 'show', 'dev', net.containerIf]);
    if (!lab.includes(`inet ${net.bridgeAddr}/24`)) return fail(`${net.bridgeIf} lacks ${net.bridgeAddr}/24: ${lab.trim()}`);
    if (!ctr.includes(`inet ${net.containerAddr}/24`)) return fail(`${net.containerIf} lacks ${net.containerAddr}/24: ${ctr.trim()}`);
    return pass(`${net.bridgeAddr}/24 on ${net.bridgeIf} (lab), ${net.containerAddr}/24 on ${net.containerIf} (container), none on the host`);
  },
});

/** A GET with node's http client (no curl needed), run where the check says: on the host, or in the lab namespace. */
const GET = `const http=require('http');const r=http.get(process.argv[1],{timeout:4000},(res)=>{let b='';res.on('data',(c)=>b+=c);res.on('end',()=>{process.stdout.write(res.statusCode+'\\n'+b)})});r.on('timeout',()=>r.destroy(new Error('timeout')));r.on('error',(e)=>{process.stderr.write(e.message);process.exit(1)});`;

export const httpAnswers = defineCheck({
  name: 'http-answers',
  params: z.strictObject({ from: z.enum(['host', 'lab']), contains: z.string().min(1) }),
  doc: '',
  reads: [],
  run: (ctx, { from, contains }) => {
    const s = state(ctx);
    let argv: string[];
    let url: string;
    if (from === 'host') {
      if (!s.forwarder) return fail('the port is not published yet');
      url = `http://127.0.0.1:${s.forwarder.port}/`;
      argv = [process.execPath, '-e', GET, url];
    } else {
      if (!s.network || !s.server) return fail('no lab network or server yet');
      url = `http://${s.network.containerAddr}:${s.server.port}/`;
      argv = ['nsenter', `--net=/proc/${s.network.bridgePid}/ns/net`, process.execPath, '-e', GET, url];
    }
    const r = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8', timeout: 6000 });
    if (r.status !== 0) return fail(`GET ${url}${from === 'lab' ? ' from the lab namespace' : ''} failed: ${(r.stderr || r.error?.message || '').trim()}`);
    const [status, ...body] = r.stdout.split('\n');
    return status === '200' && body.join('\n').includes(contains)
      ? pass(`GET ${url}${from === 'lab' ? ' (from the lab namespace)' : ' (from the host)'} → ${status}, body holds "${contains}"`)
      : fail(`GET ${url} → ${status}: ${body.join(' ').slice(0, 80)}`);
  },
});
