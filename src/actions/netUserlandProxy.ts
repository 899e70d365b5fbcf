// docker-proxy's part for loopback: a userspace forwarder on 127.0.0.1:<port> of the lab namespace.
import * as z from 'zod';
import { defineAction, syscall, outcome } from '../steps/define.js';
import { containerNet, requireLab, targetAddr, startProbe } from './containerNetState.js';
import { LabError } from '../errors.js';

export const netUserlandProxy = defineAction({
  name: 'net-userland-proxy',
  params: z.strictObject({}),
  doc: 'docker-proxy\'s part: src/programs/netProbe.ts setns(2)s into the lab namespace (the "host" of this lesson), '
    + 'listens on 127.0.0.1:<published port> there and, for each connection it accepts, opens a connection of its own '
    + 'to the container\'s address and port and copies bytes both ways. Needs the published port of the DNAT step. '
    + 'The learner sees the proxy\'s PID and the two hops: 127.0.0.1:<port> → proxy → <container>:<port>.',
  host: {
    effect: 'listens on 127.0.0.1 of the lab network namespace (not the host\'s) and forwards to a lab container',
    untrusted: 'allowed',
  },
  performs: [syscall('listen', 'listen(2) on 127.0.0.1'), syscall('setns', 'CLONE_NEWNET setns(2)')],
  needs: ['published port'],
  run: async (ctx) => {
    const lab = requireLab(ctx);
    const state = containerNet(ctx);
    const published = state.published;
    if (!published) throw new LabError('no port is published yet', 'run the step that adds the DNAT rule first');
    if (state.proxy) throw new LabError(`the proxy already listens on 127.0.0.1:${state.proxy.port}`);
    const toAddr = targetAddr(ctx, published.to as 'c1' | 'c2');
    const { log, probe } = await startProbe(ctx, lab.pid, ['proxy', String(published.port), toAddr, String(published.toPort)]);
    state.proxy = { pid: probe.pid, port: published.port };
    return outcome(log, [
      `127.0.0.1:${published.port} (the lab namespace's loopback)  →  proxy, host PID ${probe.pid}  →  ${toAddr}:${published.toPort} (${published.to})`,
    ]);
  },
});
