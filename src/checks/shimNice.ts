// The shim found from its container's PID and marked by the learner: its nice value (proc(5) stat field 19), set with renice.
import * as z from 'zod';
import { defineCheck, pass, fail } from '../steps/define.js';
import type { Sys } from '../sys/types.js';
import { containerPid, namesDir } from './shimChecks.js';
import { liveProc, liveProcs } from '../chain/procRead.js';

/** proc(5) /proc/<pid>/stat field 19, nice (-20…19); null when the process is gone. */
export function niceOf(sys: Pick<Sys, 'readFile'>, pid: number): number | null {
  try {
    const stat = sys.readFile(`/proc/${pid}/stat`);
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const nice = Number(fields[19 - 3]);
    return Number.isInteger(nice) ? nice : null;
  } catch {
    return null;
  }
}

export const shimNiceIs = defineCheck({
  name: 'shim-nice-is',
  params: z.strictObject({ value: z.number().int().min(-20).max(19), id: z.string().min(1).optional(), namespace: z.string().default('default') }),
  doc: 'The shim of the container, found from the container\'s PID as the kernel links them (its PPid), has this '
    + 'nice value (proc(5) /proc/<pid>/stat field 19, set by renice(1), setpriority(2)), and no other process of '
    + 'the lab has it: not containerd, not dockerd, not the container\'s own process. The PID comes from `docker '
    + 'inspect` of the lesson\'s container, or, with `id`, from `ctr tasks ls` in `namespace`.',
  reads: ['/proc/<pid>/stat PPid, comm, nice', '/proc/<pid>/cmdline of every process', '`docker inspect` or `ctr tasks ls` (run by the check)'],
  run: (ctx, p) => {
    const { pid, what } = containerPid(ctx, p);
    const me = liveProc(ctx.sys, pid);
    if (!me) return fail(`${what}: PID ${pid} is not running`);
    const shim = liveProc(ctx.sys, me.ppid);
    if (!shim?.comm.startsWith('containerd-shim') || !namesDir(ctx, shim)) return fail(`PID ${pid}'s parent ${me.ppid} is not a shim of the lab`);
    const others = liveProcs(ctx.sys).filter((x) => x.pid === pid || (namesDir(ctx, x) && x.pid !== shim.pid && /^(containerd|dockerd)/.test(x.comm)));
    const same = others.filter((x) => niceOf(ctx.sys, x.pid) === p.value);
    const nice = niceOf(ctx.sys, shim.pid);
    if (nice !== p.value) {
      const hint = same.length > 0 ? `; ${same.map((x) => `${x.pid} ${x.comm}`).join(', ')} has it instead` : '';
      return fail(`the shim of PID ${pid} is PID ${shim.pid}, with nice ${nice}, not ${p.value}${hint}`);
    }
    if (same.length > 0) return fail(`the shim ${shim.pid} has nice ${nice}, but so has ${same.map((x) => `${x.pid} ${x.comm}`).join(', ')}: mark the shim alone`);
    return pass(`${what}: PID ${pid}'s parent is the shim ${shim.pid}, nice ${nice}; containerd, dockerd and the container are not`);
  },
});
