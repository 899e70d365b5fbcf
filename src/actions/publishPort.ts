// docker-proxy's part: a forwarder on a host loopback port that connects from inside the lab namespace.
import * as z from 'zod';
import { defineAction, syscall, outcome } from '../steps/define.js';
import { dockerRun, requireNetwork } from './dockerRunState.js';
import { programs } from '../sys/paths.js';
import { LabError } from '../errors.js';
import type { SyscallEntry } from '../types.js';

export const publishPort = defineAction({
  name: 'publish-port',
  params: z.strictObject({}),
  doc: 'docker-proxy\'s part: the helper starts the forwarder (src/programs/forwarder.ts), which listens on a free '
    + 'port of 127.0.0.1 in the host\'s network namespace, then setns(2)s its main thread into the lab namespace, so '
    + 'every connection it makes to the container\'s address starts there. The learner sees the host port, the '
    + 'forwarder\'s PID and the container address it forwards to, and can curl http://127.0.0.1:<port>/; the host '
    + 'still has no route to the lab\'s addresses.',
  host: {
    effect: 'listens on a free port of 127.0.0.1 on the host and forwards its connections into the lab network',
    untrusted: 'allowed',
  },
  performs: [syscall('setns', 'CLONE_NEWNET setns(2)'), syscall('listen', 'listen(2) on 127.0.0.1')],
  needs: ['lab network', 'server'],
  provides: ['published port'],
  run: async (ctx) => {
    const { sys } = ctx;
    const state = dockerRun(ctx);
    const net = requireNetwork(ctx);
    if (!state.server) throw new LabError('nothing listens in the container yet', 'run the step that starts the server first');
    if (state.forwarder) throw new LabError(`the port is already published on 127.0.0.1:${state.forwarder.port}`);
    const args = ['--container-lab-forwarder', String(process.pid), `/proc/${net.bridgePid}/ns/net`, net.containerAddr, String(state.server.port)];
    let forwarder;
    try {
      forwarder = sys.start([process.execPath, programs.forwarder, ...args], { pipes: true, detached: true, log: ['node', 'forwarder.js', ...args] });
    } catch (error) {
      throw new LabError(`could not start the forwarder: ${(error as Error).message}`, undefined, undefined, sys.drain());
    }
    state.started.push(forwarder); // its stdin stays open while the session holds it; closing the session kills it
    const pid = forwarder.pid;
    const line = await forwarder.firstLine(5000);
    const local = sys.drain();
    let reply: { port?: number; error?: string; log?: SyscallEntry[] } = {};
    try {
      reply = line ? JSON.parse(line) : {};
    } catch {
      // reported below
    }
    const log = [...local, ...(reply.log ?? []).map((e) => ({ ...e, pid }))];
    if (!reply.port) {
      await forwarder.stop();
      state.started = state.started.filter((p) => p !== forwarder);
      throw new LabError(`the forwarder did not start: ${reply.error ?? 'no answer'}`, undefined, undefined, log);
    }
    state.forwarder = { pid, port: reply.port };
    return outcome(log, [
      `127.0.0.1:${reply.port} (host loopback)  →  forwarder, host PID ${pid}  →  ${net.containerAddr}:${state.server.port} (from inside the lab namespace)`,
      `try it: curl http://127.0.0.1:${reply.port}/`,
    ]);
  },
});
