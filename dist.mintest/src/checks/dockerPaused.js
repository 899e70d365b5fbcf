// dockerd's word on a pause: `docker inspect` State.Paused of the lesson's container, whoever paused it (docker pause, or ctr in namespace moby).
import { z } from 'zod';
import { defineCheck, pass, fail } from '../steps/define.js';
import { ask, dockerArgv } from './chainChecks.js';
import { dockerId, short } from './shimChecks.js';
import { liveProc } from '../chain/procRead.js';
export const dockerPaused = defineCheck({
    name: 'docker-paused',
    params: z.strictObject({ name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/).optional() }),
    doc: 'dockerd holds the container paused: `docker inspect` of the lesson\'s container (with `name`, of the '
        + 'container of that name on the lab\'s dockerd) gives State.Paused true and State.Status paused. dockerd sets '
        + 'them on containerd\'s TaskPaused event, so a pause asked of containerd directly (`ctr -n moby tasks pause`) '
        + 'counts as one made by `docker pause`. When it is not paused and /proc/<State.Pid>/stat says T, the detail '
        + 'says so: a SIGSTOP stops one process, it is not a pause.',
    reads: ['`docker inspect` State.Status, State.Paused, State.Pid (run by the check)', '/proc/<pid>/stat state'],
    run: (ctx, { name }) => {
        const id = name ?? dockerId(ctx);
        const [status, paused, pid] = ask(ctx, dockerArgv(ctx, ['inspect', '--format', '{{.State.Status}} {{.State.Paused}} {{.State.Pid}}', id])).trim().split(' ');
        const said = `docker inspect ${short(id)}: State.Paused ${paused}, State.Status ${status}`;
        if (paused === 'true' && status === 'paused')
            return pass(said);
        const stopped = Number(pid) > 0 && liveProc(ctx.sys, Number(pid))?.state === 'T';
        return fail(stopped ? `${said}; its PID ${pid} is stopped by a signal (stat T), which neither containerd nor docker counts as paused` : said);
    },
});
