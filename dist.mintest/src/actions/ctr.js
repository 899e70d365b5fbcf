// Chain lessons: containerd's own client, ctr, against the lab's containerd, in a containerd namespace.
import { z } from 'zod';
import { ctrArgs, refuseArgs } from '../chain/argPolicy.js';
import { LabError } from '../errors.js';
import { defineAction, program, outcome } from '../steps/define.js';
import { chain, setFocus } from './chainState.js';
import { checked, outputLines, requireDaemons } from './chainUtil.js';
import { labCtrRunArgs } from '../chain/cliArgs.js';
import { setBlock } from './chainBlock.js';
export const ctr = defineAction({
    name: 'ctr',
    params: z.strictObject({
        args: ctrArgs,
        namespace: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/).default('default'),
        id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,40}$/).optional(),
        /** also show the output in the chain panel, under this title */
        show: z.string().min(1).max(60).optional(),
    }).superRefine(({ args, id }, ctx) => {
        // without an id the lab cannot give the container its own cgroup and state dir (ctr's are the host's)
        if (args[0] === 'run' && id === undefined) {
            ctx.addIssue({ code: 'custom', path: ['id'], message: 'ctr run needs `id` (the container id): the lab then keeps its cgroup and runc state in the lab\'s own places', params: { plain: true } });
        }
    }),
    doc: 'The helper runs containerd\'s own client, ctr, with `args` on the lab\'s containerd socket in the '
        + 'containerd namespace `namespace`; the step fails when ctr exits non-zero, and its stdout is the step\'s '
        + 'output (`show` also puts it in the chain panel). `ctr run` with `id` gets the lab\'s label, a cgroup under '
        + 'the lab\'s parent and runc\'s state and FIFOs in the session directory; with -d the panels follow the task\'s '
        + 'PID (from `ctr task ls`), and the lesson\'s close kills and deletes the task and the container.',
    host: {
        effect: 'runs `ctr {args}` as root against the lab\'s containerd, namespace {namespace} (arguments on the lab\'s allow-list)',
        untrusted: 'allowed',
    },
    performs: [program('ctr', 'ctr(8)')],
    needs: ['containerd daemon'],
    run: async (ctx, { args, namespace, id, show }) => {
        const refusal = refuseArgs(ctrArgs, args);
        if (refusal)
            throw new LabError(refusal, 'the lab checks ctr arguments against its allow-list: see docs/lesson-format.md');
        if (args[0] === 'run' && id === undefined)
            throw new LabError('ctr run needs `id`', 'give the step an id: the lab then keeps the container\'s cgroup and state in its own places');
        const d = requireDaemons(ctx);
        const c = chain(ctx);
        const full = args[0] === 'run' && id ? labCtrRunArgs(args, { sessionId: ctx.session.id, dir: ctx.session.dir, cgroupParent: d.layout.cgroupParent, id }) : args;
        const run = checked(await d.ctr(namespace, full, { timeoutMs: 60_000, log: true }), `ctr ${args.slice(0, 2).join(' ')}`);
        const stdout = outputLines(run.stdout);
        const out = stdout.map((l) => l.replace(/\s{2,}/g, '  '));
        if (show)
            setBlock(ctx, show, out.length ? out : ['(empty)']);
        if (args[0] === 'run' && id && args.includes('-d')) {
            const task = await d.ctr(namespace, ['task', 'ls']);
            const line = task.stdout.split('\n').find((l) => l.startsWith(id + ' '));
            const pid = Number(line?.trim().split(/\s+/)[1]);
            if (pid > 0) {
                setFocus(ctx, pid);
                c.pids.push(pid);
                out.push(`task ${id}: PID ${pid} on the host`);
            }
            c.cleanups.push(async () => {
                await d.ctr(namespace, ['task', 'kill', '-s', 'SIGKILL', id]);
                await d.ctr(namespace, ['task', 'delete', '-f', id]);
                await d.ctr(namespace, ['container', 'delete', id]);
            });
        }
        return outcome(ctx.sys.drain(), out, stdout);
    },
});
