// What the docker-run lesson has made so far: the container's name and id, its volume, the lab
// network (a "bridge" process holding a network namespace of its own, a veth pair), the forwarder.
import { spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { LabContext } from '../steps/context.js';
import { LabError } from '../errors.js';
import { unpackedLayers } from './layersState.js';
import { syscallLog } from '../../native/syscallLog.js';

export interface LabNetwork {
  /** host PID of the process whose network namespace plays docker0's part */
  bridgePid: number;
  /** 10.200.<subnet>.0/24: exists only in the lab's namespaces */
  subnet: number;
  bridgeIf: string;
  containerIf: string;
  bridgeAddr: string;
  containerAddr: string;
}

export interface DockerRunState {
  name?: string;
  id?: string;
  /** the host directory mounted as the volume, and where it appears inside the container */
  volume?: { host: string; target: string };
  network?: LabNetwork;
  server?: { port: number; dir: string };
  forwarder?: { pid: number; port: number; child: ChildProcess };
}

export function dockerRun(ctx: LabContext): DockerRunState {
  ctx.dockerRun ??= {};
  return ctx.dockerRun;
}

// A few of the words docker's pkg/namesgenerator pairs: an adjective and a scientist's surname.
const ADJECTIVES = ['admiring', 'brave', 'clever', 'eager', 'focused', 'gallant', 'hopeful', 'jolly', 'keen', 'nifty', 'quirky', 'serene', 'trusting', 'vibrant', 'zealous'];
const SURNAMES = ['bardeen', 'curie', 'dijkstra', 'hopper', 'kilby', 'lamport', 'lovelace', 'noether', 'ritchie', 'shannon', 'thompson', 'torvalds', 'turing', 'wozniak', 'yalow'];

/** docker: a random adjective_surname, and 32 random bytes in hex as the id. */
export function generateIdentity(): { name: string; id: string } {
  return {
    name: `${ADJECTIVES[randomInt(ADJECTIVES.length)]}_${SURNAMES[randomInt(SURNAMES.length)]}`,
    id: randomBytes(32).toString('hex'),
  };
}

export function volumeHostDir(sessionDir: string): string {
  return join(sessionDir, 'volume');
}

export function requireMerged(ctx: LabContext): string {
  const merged = unpackedLayers(ctx)?.containers.c1?.merged;
  if (!merged) throw new LabError('the container has no root filesystem yet', 'run the steps that unpack the layers and mount the overlay (container c1) first');
  return merged;
}

export function requireNetwork(ctx: LabContext): LabNetwork {
  const net = ctx.dockerRun?.network;
  if (!net) throw new LabError('there is no lab network yet', 'run the step that makes the lab network first');
  return net;
}

/** Runs a program on the host side (from the helper), logged as a spawn entry; throws with its stderr. */
export function spawnLogged(argv: string[], timeoutMs = 5000): string {
  const r = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8', timeout: timeoutMs });
  syscallLog.record('spawn', [JSON.stringify(argv.join(' '))], r.pid ?? -1, r.error || r.status !== 0 ? (r.error ? 'ENOENT' : 'EIO') : undefined);
  if (r.error) throw new LabError(`could not run ${argv[0]}: ${r.error.message}`, `install ${argv[0]} on this host`, undefined, syscallLog.drain());
  if (r.status !== 0) throw new LabError(`${argv.join(' ')} failed: ${(r.stderr || '').trim() || 'status ' + r.status}`, undefined, undefined, syscallLog.drain());
  return r.stdout;
}

/** ip(8) run inside the network namespace a process holds. */
export function ipIn(pid: number, args: string[]): string {
  return spawnLogged(['nsenter', `--net=/proc/${pid}/ns/net`, 'ip', ...args]);
}

function kill(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Session close: the forwarder and the bridge process go; the veth pair goes with the namespaces. */
export async function stopDockerRun(ctx: LabContext, timeoutMs = 1000): Promise<void> {
  const state = ctx.dockerRun;
  if (!state) return;
  const pids = [state.forwarder?.pid, state.network?.bridgePid].filter((p): p is number => p !== undefined);
  for (const pid of pids) kill(pid);
  const deadline = Date.now() + timeoutMs;
  while (pids.some((p) => existsSync(`/proc/${p}`)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  ctx.dockerRun = undefined;
}
