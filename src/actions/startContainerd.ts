// Shim lesson: containerd again; it finds its shims from its state dir and lists their tasks, containers untouched.
import * as z from 'zod';
import { defineAction, program, outcome } from '../steps/define.js';
import { chain } from './chainState.js';
import { outputLines, recordRun, recordSpawn } from './chainUtil.js';
import { setBlock, shortLine } from './chainBlock.js';
import { containerdArgs } from '../chain/daemonLayout.js';
import type { ProgramRun, Sys } from '../sys/types.js';
import { LabError } from '../errors.js';

const RECONNECT_MS = 10_000;

/** The time (ms since the epoch) of dockerd's first "Channel Connectivity change to READY" after `since`, or null. */
export function readyAfter(log: string, since: number): number | null {
  for (const line of log.split('\n')) {
    if (!line.includes('Connectivity change to READY')) continue;
    const t = Date.parse(/time="([^"]+)"/.exec(line)?.[1] ?? '');
    if (t >= since) return t;
  }
  return null;
}

async function dockerdReconnected(sys: Sys, logFile: string, since: number, timeoutMs: number): Promise<number | null> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const t = readyAfter(sys.readFile(logFile), since);
    // dockerd checks that containerd serves, then subscribes again: give it that moment
    if (t !== null) return new Promise((r) => setTimeout(() => r(t), 700));
    await new Promise((r) => setTimeout(r, 50));
  }
  return null;
}

export const startContainerd = defineAction({
  name: 'start-containerd',
  params: z.strictObject({ namespace: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/).default('moby') }),
  doc: 'The helper starts the lab\'s containerd again, with the same flags and state directory, and asks `ctr '
    + 'tasks ls` in `namespace` every 20 ms (at most 10 s) until it lists the lesson\'s container RUNNING: '
    + 'containerd finds each shim\'s address file in its state directory and reconnects, the container untouched. '
    + 'With dockerd running, the step also waits (at most 15 s) for dockerd\'s log to say its gRPC connection is '
    + 'READY again. The learner sees how long the task took to reappear and containerd\'s task table.',
  host: {
    effect: 'starts the lab\'s containerd again as root, state under the session directory',
    untrusted: 'allowed',
  },
  performs: [program('containerd', 'containerd(8)')],
  needs: ['containerd stopped'],
  provides: ['containerd daemon'],
  ends: ['containerd stopped'],
  run: async (ctx, { namespace }) => {
    const c = chain(ctx);
    const d = c.daemons;
    if (!d) throw new LabError('the lab has no daemons yet', 'run the step that starts them first');
    const spawnedAt = Date.now();
    const ctrd = await d.startContainerd();
    recordSpawn(ctx.sys, [d.bin.containerd.path!, ...containerdArgs(d.layout)], ctrd.pid, ctrd.readyMs);
    const out = [`containerd ${ctrd.version ?? ''} pid ${ctrd.pid}: ready in ${Math.round(ctrd.readyMs)} ms`];

    // containerd reads <state>/io.containerd.runtime.v2.task/<ns>/<id>/address and connects to each
    // shim's socket: until it has, `ctr tasks ls` does not list the task.
    const want = c.container?.id;
    const readyAt = performance.now();
    let run: ProgramRun | undefined;
    let asks = 0;
    let line: string | undefined;
    while (performance.now() - readyAt < RECONNECT_MS) {
      run = await d.ctr(namespace, ['tasks', 'ls']);
      asks++;
      line = outputLines(run.stdout).find((l) => (want ? l.startsWith(want) : !l.startsWith('TASK')) && /\bRUNNING\b/.test(l));
      if (line) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    if (run) recordRun(ctx.sys, run);
    if (!line) throw new LabError(`containerd did not list ${want ? `task ${want.slice(0, 12)}` : 'a running task'} within ${RECONNECT_MS / 1000} s`, `its log: ${d.layout.containerdLog}`);
    const sinceSpawn = ctrd.readyMs + (performance.now() - readyAt);
    const [id, pid] = line.trim().split(/\s+/);
    out.push(`task ${id.slice(0, 12)} PID ${pid} RUNNING: listed ${Math.round(sinceSpawn)} ms after the spawn (${asks} ask${asks === 1 ? '' : 's'})`);
    if (d.dockerd) {
      // dockerd lost its gRPC connection and retries with a growing backoff (1 s, 1.6 s, …). An exit
      // published before it has re-subscribed to containerd's events is never replayed: `docker
      // wait` would wait forever. So the step ends only once dockerd has connected again.
      const back = await dockerdReconnected(ctx.sys, d.layout.dockerLog, spawnedAt, 15_000);
      if (back === null) throw new LabError('dockerd did not reconnect to containerd within 15 s', `its log: ${d.layout.dockerLog}`);
      out.push(`dockerd reconnected ${Math.round(back - spawnedAt)} ms after containerd's start (gRPC backoff); its event stream resumes`);
    }
    const table = outputLines(run!.stdout).map(shortLine);
    setBlock(ctx, "containerd's tasks", [`ctr -n ${namespace} tasks ls`, ...table]);
    return outcome(ctx.sys.drain(), [...out, ...table], outputLines(run!.stdout));
  },
});
