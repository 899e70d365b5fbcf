// What the docker-run lesson has made so far: the container's name and id, its volume, the lab
// network (a "bridge" process holding a network namespace of its own, a veth pair), the forwarder.
// It lives in a slot: closing the session runs stopDockerRun, which ends the two processes.
import { randomBytes, randomInt } from 'node:crypto';
import { join } from 'node:path';
import type { LabContext } from '../steps/context.js';
import { defineSlot } from '../steps/slots.js';
import type { Started } from '../sys/types.js';
import { requireContainer } from './layersState.js';
import { LabError } from '../errors.js';

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
  /** the host directory mounted as the volume, where it appears inside the container, and the root it is under */
  volume?: { host: string; target: string; merged: string };
  network?: LabNetwork;
  server?: { port: number; dir: string };
  forwarder?: { pid: number; port: number };
  /** the long-lived processes the lesson started (the bridge, the forwarder): the teardown ends them */
  started: Started[];
}

/** Session close: the forwarder and the bridge process go; the veth pair goes with the namespaces. */
export async function stopDockerRun(state: DockerRunState, timeoutMs = 1000): Promise<void> {
  await Promise.all(state.started.map((p) => p.stop(timeoutMs)));
}

export const dockerRunSlot = defineSlot<DockerRunState>({
  name: 'docker-run',
  create: () => ({ started: [] }),
  teardown: stopDockerRun,
});

/** The docker-run lesson's state, made on first use. */
export function dockerRun(ctx: LabContext): DockerRunState {
  return ctx.slots.use(dockerRunSlot);
}

/** The docker-run lesson's state if one of its steps has run (unpack-layers asks: the image then needs httpd). */
export function dockerRunIfStarted(ctx: LabContext): DockerRunState | undefined {
  return ctx.slots.get(dockerRunSlot);
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

/** The container's root: the merged directory of container c1's overlay (the layers lesson's steps make it). */
export function requireMerged(ctx: LabContext): string {
  return requireContainer(ctx, 'c1').merged;
}

export function requireNetwork(ctx: LabContext): LabNetwork {
  const net = dockerRunIfStarted(ctx)?.network;
  if (!net) throw new LabError('there is no lab network yet', 'run the step that makes the lab network first');
  return net;
}
