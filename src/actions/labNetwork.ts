// docker0's part: a lab network namespace and a veth pair made inside it, one end moved into the container.
import { z } from 'zod';
import { defineAction, program, outcome } from '../steps/define.js';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { randomInt } from 'node:crypto';
import { dockerRun, ipIn, type LabNetwork } from './dockerRunState.js';
import { programs } from '../sys/paths.js';
import { LabError } from '../errors.js';
import { syscallLog } from '../../native/syscallLog.js';
import { waitUntil, netnsOf } from './dockerRunUtil.js';

/**
 * docker0's part: a process in a network namespace of its own (unshare(1) --net, then PID-1-style
 * init with PDEATHSIG execs sleep), and a veth pair made from inside it, its peer sent straight
 * into the container's namespace (ip-link(8) "netns PID"), so no end ever exists on the host.
 */
export const labNetwork = defineAction({
  name: 'lab-network',
  params: z.strictObject({}),
  doc: 'docker-run lesson: a lab network namespace (docker0\'s part) and a veth pair into the container\'s',
  performs: [program('ip', 'ip-link(8) veth(4)')],
  needs: ['own net namespace'],
  provides: ['lab network'],
  run: async (ctx) => {
    const state = dockerRun(ctx);
    if (state.network) throw new LabError(`the lab network is already there (bridge process ${state.network.bridgePid})`);
    const hostNs = netnsOf('self');
    const builderPid = ctx.builder.pid;
    if (netnsOf(builderPid) === hostNs) {
      throw new LabError('the container process is still in the host\'s network namespace: a veth end would appear on the host',
        'run the step that unshares the network namespace (CLONE_NEWNET) first');
    }
    const argv = ['unshare', '--net', '--', process.execPath, programs.init, String(process.pid), 'sleep', 'container-lab-bridge', 'infinity'];
    // fd 3: init.js's way to notice that we died before its prctl(PR_SET_PDEATHSIG).
    const child = spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'ignore', 'inherit', 'pipe'], detached: true });
    syscallLog.record('spawn', [JSON.stringify('unshare --net -- node init.js ' + process.pid + ' sleep container-lab-bridge infinity')], child.pid ?? -1);
    if (child.pid === undefined) throw new LabError('could not start the bridge process', undefined, undefined, syscallLog.drain());
    child.on('error', () => {});
    const bridgePid = child.pid;
    const ready = await waitUntil(() => {
      try {
        return readFileSync(`/proc/${bridgePid}/cmdline`, 'utf8').startsWith('container-lab-bridge') && netnsOf(bridgePid) !== hostNs;
      } catch {
        return false;
      }
    }, 5000);
    const subnet = randomInt(1, 255);
    const net: LabNetwork = {
      bridgePid, subnet, bridgeIf: 'cl-veth0', containerIf: 'cl-eth0',
      bridgeAddr: `10.200.${subnet}.1`, containerAddr: `10.200.${subnet}.2`,
    };
    state.network = net; // from here on, closing the session kills it
    if (!ready) throw new LabError(`the bridge process (host PID ${bridgePid}) did not get a network namespace of its own`, undefined, undefined, syscallLog.drain());
    ipIn(bridgePid, ['link', 'add', net.bridgeIf, 'type', 'veth', 'peer', 'name', net.containerIf, 'netns', String(builderPid)]);
    ipIn(bridgePid, ['addr', 'add', `${net.bridgeAddr}/24`, 'dev', net.bridgeIf]);
    ipIn(bridgePid, ['link', 'set', net.bridgeIf, 'up']);
    ipIn(bridgePid, ['link', 'set', 'lo', 'up']);
    ipIn(builderPid, ['addr', 'add', `${net.containerAddr}/24`, 'dev', net.containerIf]);
    ipIn(builderPid, ['link', 'set', net.containerIf, 'up']);
    ipIn(builderPid, ['link', 'set', 'lo', 'up']);
    ipIn(builderPid, ['route', 'add', 'default', 'via', net.bridgeAddr]);
    return outcome(syscallLog.drain(), [
      `lab namespace   ${netnsOf(bridgePid)}  held by host PID ${bridgePid} (container-lab-bridge)`,
      `  ${net.bridgeIf}  ${net.bridgeAddr}/24`,
      `container       ${netnsOf(builderPid)}  (the container process, host PID ${builderPid})`,
      `  ${net.containerIf}   ${net.containerAddr}/24, default via ${net.bridgeAddr}`,
      `host            ${hostNs}: no cl- link, no 10.200.${subnet}.x address`,
    ]);
  },
});
