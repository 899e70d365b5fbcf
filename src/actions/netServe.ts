// A web server in a lab container: on its eth0 address, or on its 127.0.0.1 only.
import * as z from 'zod';
import { defineAction, syscall, outcome } from '../steps/define.js';
import { containerNet, requireNetContainer, startProbe } from './containerNetState.js';
import { LabError } from '../errors.js';

export const netServe = defineAction({
  name: 'net-serve',
  params: z.strictObject({ in: z.enum(['c1', 'c2']), on: z.enum(['eth0', 'loopback']), port: z.number().int().min(1).max(65535) }),
  doc: 'A small HTTP server (src/programs/netProbe.ts, node:http) that setns(2)s into the container\'s network '
    + 'namespace before it makes its socket, then listens on the container\'s eth0 address (on: eth0) or on '
    + '127.0.0.1 (on: loopback), port `port`. Its answer names the container and the network namespace it runs '
    + 'in (/proc/thread-self/ns/net). Nothing listens on the host.',
  host: {
    effect: 'listens on port {port} of a lab container\'s own network namespace (its 10.201 address or its 127.0.0.1), never the host\'s',
    untrusted: 'allowed',
  },
  performs: [syscall('listen', 'listen(2)'), syscall('setns', 'CLONE_NEWNET setns(2)')],
  needs: ['net container {in}'],
  provides: ['server {in}'],
  run: async (ctx, params) => {
    const c = requireNetContainer(ctx, params.in);
    const state = containerNet(ctx);
    const key = `${params.in}:${params.port}`;
    if (state.servers.has(key)) throw new LabError(`a server already listens on port ${params.port} in ${params.in}`);
    const addr = params.on === 'eth0' ? c.addr : '127.0.0.1';
    if (!addr) throw new LabError(`${params.in} has no eth0 of its own`);
    const { answer, log, probe } = await startProbe(ctx, c.pid, ['serve', addr, String(params.port), params.in]);
    state.servers.set(key, { pid: probe.pid, addr, port: params.port });
    return outcome(log, [`${params.in}: listening on ${addr}:${params.port} in ${String(answer.netns)} (host PID ${probe.pid})`]);
  },
});
