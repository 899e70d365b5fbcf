// The other way into a running docker container: nsenter(1) into its first process's namespaces, next to what docker exec made.
import * as z from 'zod';
import { defineAction, program, syscall, outcome } from '../steps/define.js';
import { chain } from './chainState.js';
import { requireDaemons } from './chainUtil.js';
import { setBlock } from './chainBlock.js';
import { containerPid } from './docker.js';
import { guardsTable } from '../chain/guardsTable.js';
import { liveProcs } from '../chain/procRead.js';
import { LabError } from '../errors.js';
import type { Sys } from '../sys/types.js';

function pidNsOf(sys: Sys, pid: number): string | null {
  try {
    return sys.readlink(`/proc/${pid}/ns/pid`);
  } catch {
    return null;
  }
}

const word = z.string().min(1).max(100).regex(/^[^\0]*$/);

export const nsenterContainer = defineAction({
  name: 'nsenter-container',
  params: z.strictObject({
    name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/).max(64),
    command: z.array(word).min(1).max(8).default(['sleep', '2000']),
  }),
  doc: 'The helper starts `nsenter --target <PID> --mount --uts --ipc --net --pid -- <command>`, PID being the first '
    + 'process of docker container `name` on the lab\'s dockerd (from `docker inspect`): setns(2) into each of its '
    + 'namespaces, then a fork into the PID namespace, which runs the command. Nothing else of the container is '
    + 'taken: the command stays in the helper\'s cgroups, with the helper\'s capabilities and no seccomp filter. The '
    + 'step waits until the command runs in the container\'s PID namespace and shows every process there side by '
    + 'side (parent, cgroup, CapEff, Seccomp from /proc), in the output and in the chain panel. The command runs '
    + 'until the lesson closes (SIGKILL to nsenter, and the container\'s end takes its child).',
  host: {
    effect: 'runs `{command}` as root in the namespaces of docker container {name} (nsenter), with the helper\'s capabilities, cgroups and no seccomp filter',
    untrusted: { refused: 'a command of the lesson\'s choice runs as root with the helper\'s capabilities in the container\'s namespaces' },
  },
  performs: [program('nsenter', 'nsenter(1)'), syscall('setns')],
  needs: ['docker daemon'],
  run: async (ctx, { name, command }) => {
    const d = requireDaemons(ctx, { docker: true });
    const pid = await containerPid(d, name);
    if (!pid) throw new LabError(`docker container ${name} is not running`, 'run the step that starts it first');
    const argv = ['nsenter', '--target', String(pid), '--mount', '--uts', '--ipc', '--net', '--pid', '--', ...command];
    const started = ctx.sys.start(argv, { quiet: true });
    chain(ctx).cleanups.push(() => started.stop());
    const pidNs = ctx.sys.readlink(`/proc/${pid}/ns/pid`);
    const wanted = command.join(' ');
    const deadline = Date.now() + 3000;
    let inside = false;
    while (!inside && Date.now() < deadline) {
      inside = liveProcs(ctx.sys).some((p) => p.ppid === started.pid && p.cmdline === wanted && pidNsOf(ctx.sys, p.pid) === pidNs);
      if (!inside) await new Promise((r) => setTimeout(r, 50));
    }
    if (!inside) throw new LabError(`nsenter ${wanted}: no such process in ${name}'s PID namespace after 3 s`);
    const table = guardsTable(ctx.sys, pid);
    setBlock(ctx, `${name}'s processes, read from /proc`, table);
    return outcome(ctx.sys.drain(), [`nsenter ${started.pid} runs "${wanted}" in the namespaces of ${name}'s PID ${pid}:`, ...table]);
  },
});
