// Checks for the chain lessons' daemons and image, each asking /proc or the daemon itself, not the app's state.
import { z } from 'zod';
import { defineCheck, pass, fail } from '../steps/define.js';
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { LabContext } from '../steps/context.js';
import { daemonProcesses } from '../observe/chainSample.js';
import { CHAIN_IMAGE, CHAIN_IMAGE_FQ } from '../chain/imageArchive.js';
import { HostDocker } from '../chain/hostDocker.js';

function dir(ctx: LabContext): string {
  return ctx.session.dir;
}

function isSocket(path: string): boolean {
  try {
    return statSync(path).isSocket();
  } catch {
    return false;
  }
}

/** A chain program run by the check: the CLI of the lab's daemon, by full path from the daemons' binaries. */
export function ask(ctx: LabContext, argv: string[]): string {
  const r = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8', timeout: 15_000, env: { ...process.env, DOCKER_CONFIG: join(dir(ctx), 'docker-cli') } });
  if (r.status !== 0) throw new Error(`${argv.slice(0, 3).join(' ')}… failed: ${(r.stderr || r.error?.message || '').trim()}`);
  return r.stdout;
}

export function dockerArgv(ctx: LabContext, args: string[]): string[] {
  const d = ctx.chain?.daemons;
  if (!d) throw new Error('the lab has no daemons');
  return [d.bin.docker.path!, '-H', `unix://${d.layout.dockerSocket}`, ...args];
}

export function ctrArgv(ctx: LabContext, namespace: string, args: string[]): string[] {
  const d = ctx.chain?.daemons;
  if (!d) throw new Error('the lab has no daemons');
  return [d.bin.ctr.path!, '--address', join(dir(ctx), 'containerd.sock'), '--namespace', namespace, ...args];
}

export const daemonsRunning = defineCheck({
  name: 'daemons-running',
  params: z.strictObject({ docker: z.boolean().default(true) }),
  doc: 'the lab\'s daemons run (read from /proc), each with its own socket, and dockerd made no docker0',
  reads: [],
  run: (ctx, { docker }) => {
    const d = ctx.chain?.daemons;
    if (d instanceof HostDocker) {
      // the host's Docker: the check asks it itself, and finds no daemon of the lab's in /proc
      const version = ask(ctx, dockerArgv(ctx, ['version', '--format', '{{.Server.Version}}'])).trim();
      const own = daemonProcesses(dir(ctx), '/', [process.pid]).filter((p) => p.comm === 'containerd' || p.comm === 'dockerd');
      if (own.length > 0) return fail(`the lab started daemons of its own (${own.map((p) => p.pid).join(', ')}) though it uses the host's`);
      return pass(`the host's dockerd ${version} answers on ${d.layout.dockerSocket}; no daemon started by the lab`);
    }
    const procs = daemonProcesses(dir(ctx), '/', [process.pid]);
    const containerd = procs.find((p) => p.comm === 'containerd');
    const dockerd = procs.find((p) => p.comm === 'dockerd');
    if (!containerd) return fail(`no containerd process names ${dir(ctx)} in /proc`);
    if (!isSocket(join(dir(ctx), 'containerd.sock'))) return fail('containerd.sock is not a socket');
    const parts = [`containerd pid ${containerd.pid}`];
    if (docker) {
      if (!dockerd) return fail(`no dockerd process names ${dir(ctx)} in /proc`);
      if (!isSocket(join(dir(ctx), 'docker.sock'))) return fail('docker.sock is not a socket');
      if (!dockerd.cmdline.includes('--bridge=none') || !dockerd.cmdline.includes('--iptables=false')) return fail('dockerd runs without --bridge=none --iptables=false');
      const links = spawnSync('ip', ['-o', 'link', 'show', 'docker0'], { encoding: 'utf8' });
      if (links.status === 0 && links.stdout.trim() !== '' && !hostHadDocker0) return fail('a docker0 bridge appeared on the host');
      parts.push(`dockerd pid ${dockerd.pid} (--bridge=none --iptables=false)`);
    } else if (dockerd) {
      return fail(`dockerd runs (pid ${dockerd.pid}) though this lesson uses containerd alone`);
    }
    return pass(parts.join(', '));
  },
});

/** A host that had docker0 before (its own Docker) is not the lab's doing. */
const hostHadDocker0 = spawnSync('ip', ['-o', 'link', 'show', 'docker0'], { encoding: 'utf8' }).status === 0;

export const imageLoaded = defineCheck({
  name: 'image-loaded',
  params: z.strictObject({ in: z.enum(['docker', 'containerd']), namespace: z.string().default('default') }),
  doc: 'the daemon lists the lab image (asked with the docker CLI or ctr by the check itself)',
  reads: [],
  run: (ctx, p) => {
    if (p.in === 'docker') {
      const out = ask(ctx, dockerArgv(ctx, ['image', 'ls', '--format', '{{.Repository}}:{{.Tag}} {{.ID}}']));
      const line = out.split('\n').find((l) => l.startsWith(CHAIN_IMAGE + ' '));
      return line ? pass(`docker image ls: ${line}`) : fail(`docker image ls has no ${CHAIN_IMAGE}: ${out.trim() || '(empty)'}`);
    }
    const out = ask(ctx, ctrArgv(ctx, p.namespace, ['images', 'ls', '-q']));
    return out.split('\n').includes(CHAIN_IMAGE_FQ)
      ? pass(`ctr -n ${p.namespace} images ls: ${CHAIN_IMAGE_FQ}`)
      : fail(`ctr -n ${p.namespace} images ls has no ${CHAIN_IMAGE_FQ}: ${out.trim() || '(empty)'}`);
  },
});
