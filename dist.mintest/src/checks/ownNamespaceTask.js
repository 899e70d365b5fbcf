// A task the learner ran with ctr in a containerd namespace of their own: listed there, under a lab shim and the lab's cgroup, unseen by docker.
import { z } from 'zod';
import { join } from 'node:path';
import { defineCheck, pass, fail } from '../steps/define.js';
import { ask, ctrArgv, dockerArgv } from './chainChecks.js';
import { namesDir } from './shimChecks.js';
import { liveProc } from '../chain/procRead.js';
function lines(text) {
    return text.split('\n').map((l) => l.trim()).filter(Boolean);
}
/** Why this running task is not one the lab can see to and clean up, or null when it is. */
function misplaced(ctx, ns, id, pid) {
    const me = liveProc(ctx.sys, pid);
    if (!me)
        return `its PID ${pid} is not running`;
    const shim = liveProc(ctx.sys, me.ppid);
    if (!shim?.comm.startsWith('containerd-shim') || !namesDir(ctx, shim))
        return `its parent ${me.ppid} is not a shim of the lab`;
    const prefix = `/container-lab-${ctx.session.id}`;
    const outside = lines(ctx.sys.readFile(`/proc/${pid}/cgroup`)).map((l) => l.split(':').slice(2).join(':')).find((path) => !path.startsWith(prefix));
    if (outside !== undefined)
        return `its cgroup ${outside} is not under the lab's ${prefix}-… (ctr run --cgroup)`;
    const state = join(ctx.session.dir, 'runc-ctr', ns, id, 'state.json');
    if (!ctx.sys.exists(state))
        return `runc keeps its state elsewhere, not in ${state} (ctr run --runc-root ${join(ctx.session.dir, 'runc-ctr')})`;
    return null;
}
export const taskInOwnNamespace = defineCheck({
    name: 'task-in-own-namespace',
    params: z.strictObject({ except: z.array(z.string().min(1)).default(['moby', 'default']) }),
    doc: 'A container of the learner\'s, run with ctr in a containerd namespace not in `except`: `ctr namespaces ls` '
        + 'lists that namespace, `ctr tasks ls` there lists a task RUNNING whose PID is alive in /proc, a child of a '
        + 'shim of the lab, every line of its /proc/<pid>/cgroup under the lab\'s cgroups (/container-lab-<session>…) '
        + 'and its runc state in <session>/runc-ctr/<namespace>/<id> (so the lab\'s close removes it), and `docker ps '
        + '-a` lists no container by that id or name: dockerd sees only its own namespace, moby.',
    reads: [
        '`ctr namespaces ls -q`, `ctr -n <namespace> tasks ls` (run by the check)',
        '/proc/<pid>/stat, /proc/<ppid>/cmdline, /proc/<pid>/cgroup',
        '<session>/runc-ctr/<namespace>/<id>/state.json',
        '`docker ps -a` (run by the check)',
    ],
    run: (ctx, { except }) => {
        const names = lines(ask(ctx, ctrArgv(ctx, 'default', ['namespaces', 'ls', '-q'])));
        const own = names.filter((n) => !except.includes(n));
        if (own.length === 0)
            return fail(`ctr namespaces ls lists only ${names.join(', ') || '(none)'}: no namespace of your own`);
        const why = [];
        for (const ns of own) {
            const tasks = lines(ask(ctx, ctrArgv(ctx, ns, ['tasks', 'ls']))).slice(1).map((l) => l.split(/\s+/));
            const running = tasks.filter((t) => t[2] === 'RUNNING');
            if (running.length === 0)
                why.push(`${ns}: no task RUNNING${tasks.length ? ` (${tasks.map((t) => `${t[0]} ${t[2]}`).join(', ')})` : ''}`);
            for (const [id, pid] of running) {
                const wrong = misplaced(ctx, ns, id, Number(pid));
                if (wrong) {
                    why.push(`${ns}/${id}: ${wrong}`);
                    continue;
                }
                const docker = lines(ask(ctx, dockerArgv(ctx, ['ps', '-a', '--no-trunc', '--format', '{{.ID}} {{.Names}}'])));
                const hit = docker.find((r) => r.split(' ').includes(id));
                if (hit)
                    return fail(`docker ps -a lists ${id}: ${hit}`);
                return pass(`ctr -n ${ns} tasks ls: ${id} PID ${pid} RUNNING under a lab shim, in the lab's cgroups; docker ps -a lists ${docker.length} container(s), not it`);
            }
        }
        return fail(why.join('; '));
    },
});
