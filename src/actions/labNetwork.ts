// docker0's part: a lab network namespace and a veth pair made inside it, one end moved into the container.
import * as z from 'zod';
import { defineAction, program, outcome } from '../steps/define.js';
import { randomInt } from 'node:crypto';
import { dockerRun, type LabNetwork } from './dockerRunState.js';
import { startNetnsHolder } from './netnsHolder.js';
import { LabError } from '../errors.js';
import { netnsOf, ipIn } from './dockerRunUtil.js';

export const labNetwork = defineAction({
  name: 'lab-network',
  params: z.strictObject({}),
  doc: 'docker0\'s part, without touching the host: the helper starts the bridge process, unshare(1) --net then '
    + 'src/programs/init.ts, which asks for SIGKILL when the helper dies and execs sleep as container-lab-bridge; it '
    + 'holds a network namespace of its own. ip-link(8) run in that namespace (nsenter --net) makes a veth pair and '
    + 'sends the peer straight into the container process\'s namespace ("netns <pid>"), so no end ever exists on the '
    + 'host; then each end gets an address in 10.200.<n>.0/24 and is set up, and the container gets a default route '
    + 'via the lab end. The learner sees three network namespaces: the lab\'s, the container\'s and the host\'s, '
    + 'which has no cl- link and no 10.200 address.',
  host: {
    effect: 'starts a root process that holds the lab\'s network namespace and links it to the container with a veth pair (10.200.<n>.0/24); no link or address on the host',
    untrusted: 'allowed',
  },
  performs: [program('ip', 'ip-link(8) veth(4)'), program('unshare', 'unshare(1)')],
  needs: ['own net namespace'],
  provides: ['lab network'],
  run: async (ctx) => {
    const { sys } = ctx;
    const state = dockerRun(ctx);
    if (state.network) throw new LabError(`the lab network is already there (bridge process ${state.network.bridgePid})`);
    const hostNs = netnsOf(sys, 'self');
    const builderPid = ctx.builder.pid;
    if (netnsOf(sys, builderPid) === hostNs) {
      throw new LabError('the container process is still in the host\'s network namespace: a veth end would appear on the host',
        'run the step that unshares the network namespace (CLONE_NEWNET) first');
    }
    const bridge = await startNetnsHolder(sys, 'container-lab-bridge');
    state.started.push(bridge); // from here on, closing the session kills it
    const bridgePid = bridge.pid;
    const subnet = randomInt(1, 255);
    const net: LabNetwork = {
      bridgePid, subnet, bridgeIf: 'cl-veth0', containerIf: 'cl-eth0',
      bridgeAddr: `10.200.${subnet}.1`, containerAddr: `10.200.${subnet}.2`,
    };
    state.network = net;
    await ipIn(sys, bridgePid, ['link', 'add', net.bridgeIf, 'type', 'veth', 'peer', 'name', net.containerIf, 'netns', String(builderPid)]);
    await ipIn(sys, bridgePid, ['addr', 'add', `${net.bridgeAddr}/24`, 'dev', net.bridgeIf]);
    await ipIn(sys, bridgePid, ['link', 'set', net.bridgeIf, 'up']);
    await ipIn(sys, bridgePid, ['link', 'set', 'lo', 'up']);
    await ipIn(sys, builderPid, ['addr', 'add', `${net.containerAddr}/24`, 'dev', net.containerIf]);
    await ipIn(sys, builderPid, ['link', 'set', net.containerIf, 'up']);
    await ipIn(sys, builderPid, ['link', 'set', 'lo', 'up']);
    await ipIn(sys, builderPid, ['route', 'add', 'default', 'via', net.bridgeAddr]);
    return outcome(sys.drain(), [
      `lab namespace   ${netnsOf(sys, bridgePid)}  held by host PID ${bridgePid} (container-lab-bridge)`,
      `  ${net.bridgeIf}  ${net.bridgeAddr}/24`,
      `container       ${netnsOf(sys, builderPid)}  (the container process, host PID ${builderPid})`,
      `  ${net.containerIf}   ${net.containerAddr}/24, default via ${net.bridgeAddr}`,
      `host            ${hostNs}: no cl- link, no 10.200.${subnet}.x address`,
    ]);
  },
});
