// --network container:<name>: a second container that joins the first one's network namespace instead of getting its own.
import * as z from 'zod';
import { defineAction, syscall, program, outcome } from '../steps/define.js';
import { containerNet, requireNetContainer } from './containerNetState.js';
import { startNetnsHolder } from './netnsHolder.js';
import { netnsOf } from './dockerRunUtil.js';
import { LabError } from '../errors.js';

export const netJoin = defineAction({
  name: 'net-join',
  params: z.strictObject({ of: z.enum(['c1', 'c2']) }),
  doc: 'docker run --network container:<of>, a pod\'s way: the helper starts the container "side" with nsenter(1) '
    + '--net=/proc/<of>/ns/net (setns(2) with CLONE_NEWNET) before init.ts execs sleep as container-lab-net-side, '
    + 'so it has no network namespace of its own: it shares <of>\'s, with the same eth0, address, routes and '
    + '127.0.0.1. The learner sees both /proc/<pid>/ns/net links name one inode.',
  host: {
    effect: 'starts a root process in a lab container\'s network namespace (it makes no new namespace)',
    untrusted: 'allowed',
  },
  performs: [syscall('setns', 'CLONE_NEWNET setns(2)'), program('nsenter', 'nsenter(1)')],
  needs: ['net container {of}'],
  provides: ['net container side'],
  run: async (ctx, { of }) => {
    const { sys } = ctx;
    const target = requireNetContainer(ctx, of);
    const state = containerNet(ctx);
    if (state.containers.has('side')) throw new LabError('the container side is already there');
    const holder = await startNetnsHolder(sys, 'container-lab-net-side', `/proc/${target.pid}/ns/net`);
    state.started.push(holder);
    state.containers.set('side', { name: 'side', pid: holder.pid, joined: of });
    const a = netnsOf(sys, target.pid);
    const b = netnsOf(sys, holder.pid);
    return outcome(sys.drain(), [
      `${of.padEnd(4)}  host PID ${String(target.pid).padEnd(8)} /proc/${target.pid}/ns/net → ${a}`,
      `side  host PID ${String(holder.pid).padEnd(8)} /proc/${holder.pid}/ns/net → ${b}`,
      a === b ? 'one network namespace, two containers' : 'two different namespaces (not expected)',
    ]);
  },
});
