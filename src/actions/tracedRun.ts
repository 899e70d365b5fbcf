// Chain lesson: `docker run` with the proc connector watching, so every hop — shim, runc, runc init, the program — is caught while it lives.
import * as z from 'zod';
import { dockerArgs, refuseArgs } from '../chain/argPolicy.js';
import { LabError } from '../errors.js';
import { defineAction, syscall, program, outcome } from '../steps/define.js';
import { chain, markApiLog, setFocus } from './chainState.js';
import { checked, outputLines, requireDaemons } from './chainUtil.js';
import { setBlock } from './chainBlock.js';
import { containerPid } from './docker.js';
import { labDockerArgs } from '../chain/cliArgs.js';
import { startProcWatch, nowMs } from '../chain/procWatch.js';
import { startEventStream } from '../chain/ctrEvents.js';
import { chainTimeline, hopBars, runMarks } from '../chain/chainTimeline.js';
import { reportProgress } from '../steps/progress.js';
import { chainProcesses, chainRole } from '../observe/chainSample.js';
import type { ProcessInfo } from '../types.js';
import type { WatchedProcess } from '../chain/procTable.js';

/** The chain from /proc, and the processes the watcher saw start and not end (runc lives a few ms). */
function liveChain(dir: string, pids: number[], watched: WatchedProcess[]): ProcessInfo[] {
  const list = chainProcesses('/', dir, pids, [process.pid]);
  const known = new Set(list.map((p) => p.hostPid));
  for (const w of watched) {
    if (w.exitAt !== undefined || known.has(w.pid)) continue;
    if (!w.cmdline.includes(dir + '/') && !w.comm.startsWith('runc')) continue;
    const info: ProcessInfo = { hostPid: w.pid, nsPids: [w.pid], ppid: w.ppid, name: w.comm, cmdline: w.cmdline, uid: 0, uidInside: null, role: '' };
    list.push({ ...info, role: chainRole(info) });
  }
  return list;
}

export const tracedRun = defineAction({
  name: 'traced-run',
  params: z.strictObject({
    args: dockerArgs,
    via: z.enum(['socket', 'proxy']).default('socket'),
    title: z.string().min(1).default('The chain, as it appeared'),
  }),
  doc: 'The helper runs `docker run` with `args` (labelled, --network none) against the lab\'s dockerd — through '
    + 'the API proxy with `via: proxy` — while the process watcher listens on the proc connector (netlink, every '
    + 'fork, exec and exit; a /proc poller where that is refused) and `ctr events` follows containerd\'s events. '
    + 'The learner sees, live and then whole, the timeline of every hop (docker, dockerd, containerd, the shim, '
    + 'runc create and start, runc init, the program), how long each runc lived, containerd\'s event topics and, '
    + 'for a run that is not detached, where the time went hop by hop. A detached run\'s container is followed '
    + 'by the panels and removed at the lesson\'s close.',
  host: {
    effect: 'runs `docker {args}` as root against the lab\'s dockerd (arguments on the lab\'s allow-list, labelled, --network none) and watches every fork and exec on the host through the proc connector',
    untrusted: 'allowed',
  },
  performs: [program('docker run', 'docker-run(1)'), syscall('socket', 'the proc connector, netlink(7)')],
  needs: ['docker daemon', 'image in docker', 'API proxy if via=proxy'],
  run: async (ctx, { args, via, title }) => {
    const refusal = refuseArgs(dockerArgs, args);
    if (refusal) throw new LabError(refusal, 'the lab checks docker arguments against its allow-list: see docs/lesson-format.md');
    const d = requireDaemons(ctx, { docker: true });
    const c = chain(ctx);
    if (args[0] !== 'run') throw new LabError('traced-run runs `docker run`: its args start with run');
    if (via === 'proxy' && !c.proxy) throw new LabError('the API proxy is not running', 'run the step that starts it first');
    const watch = await startProcWatch();
    const events = await startEventStream(d.ctrArgv('moby', []).slice(0, -2));
    if (via === 'proxy') {
      markApiLog(ctx);
      c.view.http = [];
    }
    const detached = args.some((a) => a === '-d' || a === '--detach');
    const t0 = nowMs();
    // Live: every 100 ms the panels get the chain so far (processes from /proc, plus those the
    // watcher saw start and not end, which a /proc sample may miss), and the timeline.
    c.view.focus = 'timeline';
    const live = setInterval(() => {
      const procs = watch.since(t0);
      c.view.timeline = { title, entries: chainTimeline(procs, ctx.session.dir, t0) };
      reportProgress('chain', { processes: liveChain(ctx.session.dir, c.pids, procs), view: structuredClone(c.view) });
    }, 100);
    let run;
    try {
      run = await d.docker(labDockerArgs(args, ctx.session.id), { socket: via === 'proxy' ? c.proxy!.path : undefined, timeoutMs: 60_000, log: true });
      if (detached) {
        // the CLI returns once dockerd answered start; runc start may still be on its way out
        const deadline = nowMs() + 2000;
        while (nowMs() < deadline && runMarks(watch.since(t0), ctx.session.dir).programExec === undefined) await new Promise((r) => setTimeout(r, 10));
        await new Promise((r) => setTimeout(r, 150));
      }
    } finally {
      clearInterval(live);
      await events.stop();
      await watch.stop();
    }
    const log = [...watch.setupLog];
    checked(run, 'docker run');
    const procs = watch.since(t0);
    const timeline = chainTimeline(procs, ctx.session.dir, t0);
    c.view.timeline = { title, entries: timeline };
    c.view.focus = detached ? 'timeline' : 'hops';
    const marks = runMarks(procs, ctx.session.dir, c.view.http ?? []);
    // a detached run has no end to time: its bars would stop halfway
    if (!detached) c.view.hops = { title: `Where the time of \`docker ${args.join(' ')}\` goes`, bars: hopBars(marks) };
    const topics = events.events().map((e) => `+${Math.round(e.t - t0)} ms  ${e.namespace}  ${e.topic}`);
    setBlock(ctx, "containerd's events (ctr events)", topics.length ? topics : ['(none seen)']);
    const stdout = outputLines(run.stdout);
    const out = [...stdout];
    const runc = timeline.filter((e) => /^runc (create|start|delete|kill|state)/.test(e.label));
    for (const r of runc) out.push(`${r.label}: pid ${r.pid}, alive ${r.goneAt !== undefined ? Math.round(r.goneAt - r.at) + ' ms' : '(still?)'}`);
    out.push(`watched with the ${watch.mode === 'connector' ? 'proc connector (netlink, every fork/exec/exit)' : `/proc poller (${watch.why ?? 'no proc connector'})`}`);
    if (detached) {
      const id = run.stdout.trim().split('\n').pop() ?? '';
      if (/^[0-9a-f]{64}$/.test(id)) {
        const pid = await containerPid(d, id);
        c.container = { id, name: id.slice(0, 12), pid };
        setFocus(ctx, pid);
        c.cleanups.push(async () => {
          await d.docker(['rm', '-f', id]);
        });
      }
    }
    return outcome([...log, ...ctx.sys.drain()], out, stdout);
  },
});
