// A container on the bridge: a process with a network namespace of its own and a veth pair whose lab end is a bridge port.
import * as z from 'zod';
import { defineAction, program, outcome } from '../steps/define.js';
import { containerNet, requireLab, inNetns, BRIDGE_IF } from './containerNetState.js';
import { startNetnsHolder } from './netnsHolder.js';
import { netnsOf } from './dockerRunUtil.js';
import { LabError } from '../errors.js';

/** c1 gets .2, c2 .3: docker's IPAM hands out addresses from the bottom of the subnet too. */
const HOST_PART: Record<string, number> = { c1: 2, c2: 3 };

export const netContainer = defineAction({
  name: 'net-container',
  params: z.strictObject({ name: z.enum(['c1', 'c2']) }),
  doc: 'What dockerd asks of its bridge driver for each container. c1 is the lab\'s container process, which must '
    + 'have unshared its network namespace in an earlier step; for c2 the helper starts a process holding a new '
    + 'network namespace (unshare(1) --net → init.ts → sleep as container-lab-net-c2). ip-link(8), run in the '
    + `lab namespace, makes a veth pair cl-<name> / eth0 with eth0 sent straight into the container's namespace, `
    + `enslaves cl-<name> to ${BRIDGE_IF} (ip link set … master) and sets it up; inside, eth0 gets 10.201.<n>.2 `
    + '(c1) or .3 (c2) /24 and a default route via the bridge\'s address. No end of the pair ever exists on the host.',
  host: {
    effect: 'joins the container process (c1) or a new root process holding a network namespace (c2) to the lab bridge by a veth pair (10.201.<n>.2 or .3); no link on the host',
    untrusted: 'allowed',
  },
  performs: [program('ip', 'ip-link(8) veth(4)'), program('unshare', 'unshare(1)')],
  needs: ['lab bridge', 'own net namespace if name=c1'],
  provides: ['net container {name}'],
  run: async (ctx, { name }) => {
    const { sys } = ctx;
    const lab = requireLab(ctx);
    const state = containerNet(ctx);
    if (state.containers.has(name)) throw new LabError(`container ${name} is already on the bridge`);
    let pid: number;
    let who: string;
    if (name === 'c1') {
      // c1 is the lab's container process, which unshared its network namespace in the step before
      pid = ctx.builder.pid;
      who = 'the container process';
      if (netnsOf(sys, pid) === netnsOf(sys, 'self')) {
        throw new LabError('the container process is still in the host\'s network namespace: its veth end would appear on the host',
          'run the step that unshares the network namespace (CLONE_NEWNET) first');
      }
    } else {
      const holder = await startNetnsHolder(sys, `container-lab-net-${name}`);
      state.started.push(holder);
      pid = holder.pid;
      who = `container-lab-net-${name}`;
    }
    const c = { name, pid, addr: `10.201.${lab.subnet}.${HOST_PART[name]}`, port: `cl-${name}` };
    state.containers.set(name, c);
    await inNetns(sys, lab.pid, ['ip', 'link', 'add', c.port, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', String(c.pid)]);
    await inNetns(sys, lab.pid, ['ip', 'link', 'set', c.port, 'master', BRIDGE_IF]);
    await inNetns(sys, lab.pid, ['ip', 'link', 'set', c.port, 'up']);
    await inNetns(sys, c.pid, ['ip', 'addr', 'add', `${c.addr}/24`, 'dev', 'eth0']);
    await inNetns(sys, c.pid, ['ip', 'link', 'set', 'eth0', 'up']);
    await inNetns(sys, c.pid, ['ip', 'link', 'set', 'lo', 'up']);
    await inNetns(sys, c.pid, ['ip', 'route', 'add', 'default', 'via', lab.addr]);
    const ports = (await inNetns(sys, lab.pid, ['ip', '-o', 'link', 'show', 'master', BRIDGE_IF]))
      .split('\n').map((l) => /^\d+:\s+([^:@\s]+)/.exec(l)?.[1]).filter(Boolean);
    return outcome(sys.drain(), [
      `${name}  ${netnsOf(sys, c.pid)}  host PID ${c.pid} (${who})`,
      `  eth0  ${c.addr}/24, default via ${lab.addr}`,
      `lab    ${c.port} → master ${BRIDGE_IF}; the bridge's ports: ${ports.join(', ')}`,
    ]);
  },
});
