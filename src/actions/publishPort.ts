// docker-proxy's part: a forwarder on a host loopback port that connects from inside the lab namespace.
import { z } from 'zod';
import { defineAction, syscall, outcome } from '../steps/define.js';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { dockerRun, requireNetwork } from './dockerRunState.js';
import { programs } from '../sys/paths.js';
import { LabError } from '../errors.js';
import { syscallLog } from '../../native/syscallLog.js';
import type { SyscallEntry } from '../types.js';

/** docker-proxy's part: a host loopback port, and connections made from inside the lab namespace. */
export const publishPort = defineAction({
  name: 'publish-port',
  params: z.strictObject({}),
  doc: 'docker-run lesson: the forwarder on a host loopback port (docker-proxy\'s part)',
  performs: [syscall('setns', 'CLONE_NEWNET setns(2)')],
  needs: ['lab network', 'server'],
  provides: ['published port'],
  run: async (ctx) => {
    const state = dockerRun(ctx);
    const net = requireNetwork(ctx);
    if (!state.server) throw new LabError('nothing listens in the container yet', 'run the step that starts the server first');
    if (state.forwarder) throw new LabError(`the port is already published on 127.0.0.1:${state.forwarder.port}`);
    const args = ['--container-lab-forwarder', String(process.pid), `/proc/${net.bridgePid}/ns/net`, net.containerAddr, String(state.server.port)];
    const child = spawn(process.execPath, [programs.forwarder, ...args], { stdio: ['pipe', 'pipe', 'inherit'], detached: true });
    syscallLog.record('spawn', [JSON.stringify(['node forwarder.js', ...args].join(' '))], child.pid ?? -1);
    if (child.pid === undefined) throw new LabError('could not start the forwarder', undefined, undefined, syscallLog.drain());
    child.on('error', () => {});
    child.stdin!.on('error', () => {});
    const pid = child.pid;
    const line = await new Promise<string | null>((resolve) => {
      const rl = createInterface({ input: child.stdout!, crlfDelay: Infinity });
      const timer = setTimeout(() => resolve(null), 5000);
      rl.once('line', (l) => {
        clearTimeout(timer);
        resolve(l);
      });
      rl.once('close', () => resolve(null));
    });
    const local = syscallLog.drain();
    let reply: { port?: number; error?: string; log?: SyscallEntry[] } = {};
    try {
      reply = line ? JSON.parse(line) : {};
    } catch {
      // reported below
    }
    const log = [...local, ...(reply.log ?? []).map((e) => ({ ...e, pid }))];
    if (!reply.port) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone
      }
      throw new LabError(`the forwarder did not start: ${reply.error ?? 'no answer'}`, undefined, undefined, log);
    }
    state.forwarder = { pid, port: reply.port, child };
    return outcome(log, [
      `127.0.0.1:${reply.port} (host loopback)  →  forwarder, host PID ${pid}  →  ${net.containerAddr}:${state.server.port} (from inside the lab namespace)`,
      `try it: curl http://127.0.0.1:${reply.port}/`,
    ]);
  },
});
