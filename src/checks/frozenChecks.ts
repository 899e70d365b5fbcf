// A pause in the kernel: the container's freezer cgroup (v1 freezer.state, v2 cgroup.events) and each task's state in /proc.
import * as z from 'zod';
import { defineCheck, pass, fail } from '../steps/define.js';
import { containerName, inspectContainer, runningPid } from './dockerInspect.js';
import { readFrozenTasks } from '../chain/frozenTasks.js';

export const cgroupFrozen = defineCheck({
  name: 'cgroup-frozen',
  params: z.strictObject({ name: containerName, frozen: z.boolean(), dockerSays: z.enum(['paused', 'running']).optional() }),
  doc: 'The freezer of the container\'s cgroup (from /proc/<pid>/cgroup of its first process, PID from `docker '
    + 'inspect`) says frozen, or with `frozen: false` thawed: v1 freezer.state FROZEN or THAWED, v2 cgroup.events '
    + '"frozen 1" or "frozen 0". The detail lists every process in that cgroup (cgroup.procs) with its state in '
    + '/proc/<pid>/stat and where it waits (/proc/<pid>/wchan), as information: which letter a frozen task shows '
    + 'depends on the kernel (v1: D before Linux 6.1, R from 6.1, D again from 6.13; v2: S), so the freezer file '
    + 'decides. With `dockerSays`, `docker inspect` State.Paused must agree: true for paused, false for running.',
  reads: ['`docker inspect` State.Pid, State.Paused (run by the check)', '/proc/<pid>/cgroup', 'freezer.state (v1) or cgroup.events (v2), cgroup.procs', '/proc/<pid>/stat state, /proc/<pid>/wchan of each process'],
  run: (ctx, { name, frozen, dockerSays }) => {
    const c = inspectContainer(ctx, name);
    const pid = runningPid(c);
    if (typeof pid === 'string') return fail(pid);
    const f = readFrozenTasks(ctx.sys, pid);
    if (!f) return fail(`PID ${pid}'s cgroup is in no freezer hierarchy the lab can read`);
    const tasks = f.tasks.map((t) => `${t.pid} ${t.comm} ${t.state}${t.wchan ? ` (${t.wchan})` : ''}`).join(', ');
    const said = `${f.file}: ${f.value}; ${tasks || 'no process'}`;
    if (f.frozen !== frozen) return fail(said);
    if (dockerSays && c.State.Paused !== (dockerSays === 'paused')) return fail(`${said}; but docker inspect says State.Paused ${c.State.Paused}`);
    return pass(dockerSays ? `${said}; docker inspect: State.Paused ${c.State.Paused}` : said);
  },
});
