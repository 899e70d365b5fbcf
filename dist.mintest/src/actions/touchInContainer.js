// Shim lesson: create a file in the container's root from the host, resolved inside that root, and wait for the container to react.
import { z } from 'zod';
import { defineAction, syscall, outcome } from '../steps/define.js';
import { chain } from './chainState.js';
import { LabError } from '../errors.js';
import { liveProc } from '../chain/procRead.js';
import { inRootHint, linkNote } from './inRootNote.js';
const WAIT_MS = 5000;
const running = (ctx, pid) => liveProc(ctx.sys, pid) !== null;
export const touchInContainer = defineAction({
    name: 'touch-in-container',
    params: z.strictObject({ path: z.string().regex(/^(\/(?!\.\.?(\/|$))[A-Za-z0-9._-]+)+$/, 'an absolute path inside the container, no .. or .') }),
    doc: 'The helper, on the host, opens /proc/<pid>/root of the lesson\'s container process (its root directory, '
        + 'seen through its own mount namespace) and creates <path> under it with openat2(2) O_WRONLY|O_CREAT|O_APPEND '
        + 'and RESOLVE_IN_ROOT|RESOLVE_NO_MAGICLINKS: every symlink on the way, absolute or "..", is resolved inside the '
        + 'container\'s root as the container itself would, and /proc magic links are refused, so a link the container '
        + 'planted can never make the root helper create a host file (the bug class of runc\'s CVE-2019-5736 and '
        + 'docker cp\'s CVE-2018-15664). Without openat2 (Linux < 5.6) a child joins the container\'s mount namespace and '
        + 'chroots into its root to do it. The step then waits at most 5 s for the container\'s first process to exit '
        + '(a lesson\'s program may wait for that file); the learner sees what was created in the container, where a '
        + 'symlink led, and whether and when the process exited.',
    host: {
        effect: 'creates the empty file {path} inside the lab\'s docker container (through /proc/<pid>/root)',
        untrusted: 'allowed',
    },
    performs: [syscall('openat2', 'openat2(2) RESOLVE_IN_ROOT from /proc/<pid>/root, proc(5)')],
    needs: ['docker daemon'],
    run: async (ctx, { path }) => {
        const c = chain(ctx);
        const pid = c.container?.pid ?? c.focusPid;
        if (!pid || !running(ctx, pid))
            throw new LabError('no container process is running', 'run the step that starts the container first');
        const root = `/proc/${pid}/root`;
        const out = [];
        ctx.sys.inRoot(root, (r) => {
            const link = linkNote(r, path, 'the container');
            const existed = !link && r.exists(path);
            try {
                r.writeFile(path, '', { append: true, mode: 0o644 });
            }
            catch (e) {
                const code = e.code ?? 'EIO';
                throw new LabError(`could not create ${path} in the container: ${code}${link ? ` (${link})` : ''}`, inRootHint(code), undefined, ctx.sys.drain());
            }
            const did = link ? 'opened or created, through the symlink,' : existed ? 'opened' : 'created';
            out.push(`${did} ${path} in the container (resolved inside ${root} with ${r.via === 'openat2' ? 'openat2 RESOLVE_IN_ROOT' : 'a child chrooted there'})`);
            if (link)
                out.push(link);
        });
        const waitStart = performance.now();
        while (running(ctx, pid) && performance.now() - waitStart < WAIT_MS)
            await new Promise((r) => setTimeout(r, 10));
        out.push(running(ctx, pid) ? `PID ${pid} still runs ${WAIT_MS / 1000} s later` : `PID ${pid} exited ${Math.round(performance.now() - waitStart)} ms later`);
        return outcome(ctx.sys.drain(), out);
    },
});
