// docker0's part: a lab network namespace holding a Linux bridge with an address only there.
import * as z from 'zod';
import { defineAction, program, outcome } from '../steps/define.js';
import { containerNet, newSubnet, inNetns, BRIDGE_IF } from './containerNetState.js';
import { startNetnsHolder } from './netnsHolder.js';
import { netnsOf } from './dockerRunUtil.js';
import { LabError } from '../errors.js';

export const netBridge = defineAction({
  name: 'net-bridge',
  params: z.strictObject({}),
  doc: 'docker0\'s part: the helper starts a process that holds a new network namespace (unshare(1) --net, then '
    + 'src/programs/init.ts execs sleep as container-lab-net), the "lab namespace". In it, ip-link(8) makes a Linux '
    + `bridge ${BRIDGE_IF} (bridge(8)), gives it 10.201.<n>.1/24 and sets it and lo up. The learner sees the lab `
    + 'namespace\'s inode next to the host\'s, which has no such bridge and no 10.201 address.',
  host: {
    effect: 'starts a root process holding a new network namespace with a bridge cl-br0 (10.201.<n>.1/24) in it; no link or address on the host',
    untrusted: 'allowed',
  },
  performs: [program('ip', 'ip-link(8) bridge(8)'), program('unshare', 'unshare(1)')],
  provides: ['lab bridge'],
  run: async (ctx) => {
    const { sys } = ctx;
    const state = containerNet(ctx);
    if (state.lab) throw new LabError(`the lab bridge is already there (host PID ${state.lab.pid})`);
    const holder = await startNetnsHolder(sys, 'container-lab-net');
    state.started.push(holder); // from here on, closing the session kills it
    const subnet = newSubnet();
    const lab = { pid: holder.pid, subnet, addr: `10.201.${subnet}.1` };
    state.lab = lab;
    await inNetns(sys, lab.pid, ['ip', 'link', 'add', BRIDGE_IF, 'type', 'bridge']);
    await inNetns(sys, lab.pid, ['ip', 'addr', 'add', `${lab.addr}/24`, 'dev', BRIDGE_IF]);
    await inNetns(sys, lab.pid, ['ip', 'link', 'set', BRIDGE_IF, 'up']);
    await inNetns(sys, lab.pid, ['ip', 'link', 'set', 'lo', 'up']);
    return outcome(sys.drain(), [
      `lab namespace  ${netnsOf(sys, lab.pid)}  held by host PID ${lab.pid} (container-lab-net)`,
      `  ${BRIDGE_IF}  bridge  ${lab.addr}/24  UP, no port yet`,
      `host           ${netnsOf(sys, 'self')}: no ${BRIDGE_IF}, no 10.201.${subnet}.x address`,
    ]);
  },
});
