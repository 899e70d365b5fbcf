// What the docker-run lesson has made so far: the container's name and id, its volume, the lab
// network (a "bridge" process holding a network namespace of its own, a veth pair), the forwarder.
// It lives in a slot: closing the session runs stopDockerRun, which ends the two processes.
import { randomBytes, randomInt } from 'node:crypto';
import { join } from 'node:path';
import { defineSlot } from '../steps/slots.js';
import { requireContainer } from './layersState.js';
import { LabError } from '../errors.js';
/** Session close: the forwarder and the bridge process go; the veth pair goes with the namespaces. */
export async function stopDockerRun(state, timeoutMs = 1000) {
    await Promise.all(state.started.map((p) => p.stop(timeoutMs)));
}
export const dockerRunSlot = defineSlot({
    name: 'docker-run',
    create: () => ({ started: [] }),
    teardown: stopDockerRun,
});
/** The docker-run lesson's state, made on first use. */
export function dockerRun(ctx) {
    return ctx.slots.use(dockerRunSlot);
}
/** The docker-run lesson's state if one of its steps has run (unpack-layers asks: the image then needs httpd). */
export function dockerRunIfStarted(ctx) {
    return ctx.slots.get(dockerRunSlot);
}
// A few of the words docker's pkg/namesgenerator pairs: an adjective and a scientist's surname.
const ADJECTIVES = ['admiring', 'brave', 'clever', 'eager', 'focused', 'gallant', 'hopeful', 'jolly', 'keen', 'nifty', 'quirky', 'serene', 'trusting', 'vibrant', 'zealous'];
const SURNAMES = ['bardeen', 'curie', 'dijkstra', 'hopper', 'kilby', 'lamport', 'lovelace', 'noether', 'ritchie', 'shannon', 'thompson', 'torvalds', 'turing', 'wozniak', 'yalow'];
/** docker: a random adjective_surname, and 32 random bytes in hex as the id. */
export function generateIdentity() {
    return {
        name: `${ADJECTIVES[randomInt(ADJECTIVES.length)]}_${SURNAMES[randomInt(SURNAMES.length)]}`,
        id: randomBytes(32).toString('hex'),
    };
}
export function volumeHostDir(sessionDir) {
    return join(sessionDir, 'volume');
}
/** The container's root: the merged directory of container c1's overlay (the layers lesson's steps make it). */
export function requireMerged(ctx) {
    return requireContainer(ctx, 'c1').merged;
}
export function requireNetwork(ctx) {
    const net = dockerRunIfStarted(ctx)?.network;
    if (!net)
        throw new LabError('there is no lab network yet', 'run the step that makes the lab network first');
    return net;
}
