// Chain lessons: run the docker CLI against the lab's dockerd (directly or through the API proxy), as a user would.
import * as z from 'zod';
import { dockerArgs, refuseArgs } from '../chain/argPolicy.js';
import { LabError } from '../errors.js';
import { defineAction, program, outcome } from '../steps/define.js';
import { chain, markApiLog, setFocus } from './chainState.js';
import { checked, outputLines, requireDaemons } from './chainUtil.js';
import { labDockerArgs } from '../chain/cliArgs.js';
import { setBlock } from './chainBlock.js';
import type { PrivateDaemons } from '../chain/daemons.js';

/** The host PID of a container's first process, as dockerd reports it. */
export async function containerPid(d: PrivateDaemons, id: string): Promise<number | null> {
  const run = await d.docker(['inspect', '--format', '{{.State.Pid}}', id]);
  const pid = Number(run.stdout.trim());
  return run.status === 0 && pid > 0 ? pid : null;
}

export const docker = defineAction({
  name: 'docker',
  params: z.strictObject({
    args: dockerArgs,
    via: z.enum(['socket', 'proxy']).default('socket'),
    /** the exit status the step expects (docker wait prints the container's) */
    status: z.number().int().min(0).max(255).default(0),
    /** also show the output in the chain panel, under this title */
    show: z.string().min(1).max(60).optional(),
  }),
  doc: 'The helper runs the docker CLI with `args` against the lab\'s dockerd — on its socket, or through the API '
    + 'proxy with `via: proxy`, whose panel then shows this command\'s HTTP requests — with DOCKER_CONFIG in the '
    + 'session directory. `docker run` and `create` get the label container-lab=<session> and --network none. The '
    + 'step fails unless the CLI exits with `status`; its stdout is the step\'s output (`show` also puts it in the '
    + 'chain panel). After `docker run -d` the panels follow the new container\'s first process, and the lesson\'s '
    + 'close removes it with `docker rm -f`.',
  host: {
    effect: 'runs `docker {args}` as root against the lab\'s dockerd (arguments on the lab\'s allow-list; run and create get the lab\'s label and --network none)',
    untrusted: 'allowed',
  },
  performs: [program('docker', 'docker(1)')],
  needs: ['docker daemon', 'API proxy if via=proxy'],
  run: async (ctx, { args, via, status, show }) => {
    const refusal = refuseArgs(dockerArgs, args);
    if (refusal) throw new LabError(refusal, 'the lab checks docker arguments against its allow-list: see docs/lesson-format.md');
    const d = requireDaemons(ctx, { docker: true });
    const c = chain(ctx);
    if (via === 'proxy' && !c.proxy) throw new LabError('the API proxy is not running', 'run the step that starts it first');
    // the API panel shows this command's requests
    if (via === 'proxy') {
      markApiLog(ctx);
      c.view.http = [];
      c.view.focus = 'http';
    }
    const full = labDockerArgs(args, ctx.session.id);
    const run = await d.docker(full, { socket: via === 'proxy' ? c.proxy!.path : undefined, timeoutMs: 60_000, log: true });
    checked(run, `docker ${args[0]}`, status);
    const stdout = outputLines(run.stdout);
    const out = [...stdout, ...outputLines(run.stderr).map((l) => `stderr: ${l}`)];
    if (show) setBlock(ctx, show, stdout.length ? stdout : ['(empty)']);
    // A detached run leaves a container: the panels follow its first process, the close removes it.
    const detached = args[0] === 'run' && args.some((a) => a === '-d' || a === '--detach' || /^-[a-z]*d[a-z]*$/.test(a));
    if (detached) {
      const id = run.stdout.trim().split('\n').pop() ?? '';
      if (/^[0-9a-f]{64}$/.test(id)) {
        const pid = await containerPid(d, id);
        const nameRun = await d.docker(['inspect', '--format', '{{.Name}}', id]);
        c.container = { id, name: nameRun.stdout.trim().replace(/^\//, ''), pid };
        setFocus(ctx, pid);
        c.cleanups.push(async () => {
          await d.docker(['rm', '-f', id]);
        });
        out.push(`container ${id.slice(0, 12)} (${c.container.name}): PID ${pid ?? '?'} on the host`);
      }
    }
    // docker start of the followed container: a new first process, which the panels follow from now on
    if (args[0] === 'start' && c.container && args.slice(1).some((a) => a === c.container!.name || a === c.container!.id)) {
      c.container.pid = await containerPid(d, c.container.id);
      setFocus(ctx, c.container.pid);
      out.push(`container ${c.container.id.slice(0, 12)} (${c.container.name}): PID ${c.container.pid ?? '?'} on the host`);
    }
    return outcome(ctx.sys.drain(), out, stdout);
  },
});
