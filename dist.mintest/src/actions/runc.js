// runc-alone lesson: one runc subcommand (create, start, state, kill, delete) on the lab's bundle, then runc's state in a block.
import { z } from 'zod';
import { defineAction, program, outcome } from '../steps/define.js';
import { chain, setFocus } from './chainState.js';
import { armCleanup, blocksFirst, cmdlineOf, commOf, layoutOf, parentOf, readProc, readState, requireRunc, stateLetter, succeeded } from './runcUtil.js';
import { setBlock } from './chainBlock.js';
import { runcArgv } from '../chain/runcLayout.js';
import { stateLines } from '../chain/runcState.js';
import { LabError } from '../errors.js';
async function waitUntil(test, ms) {
    const started = performance.now();
    while (!test() && performance.now() - started < ms)
        await new Promise((r) => setTimeout(r, 20));
    return performance.now() - started;
}
function initPid(sys, l) {
    const pid = Number(readProc(sys, l.pidFile)?.trim());
    return pid > 0 ? pid : null;
}
/** Who the container's init is and whose child, parent first: the point is that it is nobody of the lab's. */
function parentLines(sys, pid, none) {
    if (pid === null)
        return [none];
    const state = stateLetter(sys, pid);
    if (state === null)
        return [`PID ${pid}: gone, reaped by its parent`];
    const parent = parentOf(sys, pid);
    const top = parent ? `PID ${parent.ppid} ${parent.comm}` : 'PID ? (gone)';
    if (state === 'Z')
        return [top, `└─ PID ${pid}: a zombie until ${parent?.comm ?? 'its parent'} reaps it`];
    return [top, `└─ PID ${pid} ${commOf(sys, pid)}: the container's init`, 'runc has exited: no runc, no shim above it'];
}
async function create(ctx, runc, l, out) {
    const { sys } = ctx;
    if (!sys.exists(l.config))
        throw new LabError('there is no bundle yet', 'run the step that makes the bundle (runc spec) first');
    armCleanup(ctx, runc, l);
    const argv = runcArgv(runc, l, ['create', '--bundle', l.bundle, '--pid-file', l.pidFile, l.id]);
    const run = succeeded(await sys.run(argv, { outputFile: l.log }), 'runc create');
    const pid = initPid(sys, l);
    if (pid === null)
        throw new LabError(`runc create wrote no PID to ${l.pidFile}`);
    const c = chain(ctx);
    if (!c.pids.includes(pid))
        c.pids.push(pid);
    setFocus(ctx, pid);
    out.push(`runc create (PID ${run.pid}) exited after ${Math.round(run.endedAt - run.startedAt)} ms`);
    out.push(`the container's init: PID ${pid} on the host, ${commOf(sys, pid)}`);
    const fifo = `${l.root}/${l.id}/exec.fifo`;
    const wchan = readProc(sys, `/proc/${pid}/wchan`)?.trim();
    out.push(`it waits to open ${fifo}${wchan && wchan !== '0' ? ` (wchan: ${wchan})` : ''}`);
    out.push(`stdin /dev/null, stdout and stderr: ${l.log}`);
}
async function start(sys, runc, l, out) {
    succeeded(await sys.run(runcArgv(runc, l, ['start', l.id])), 'runc start');
    const pid = initPid(sys, l);
    if (pid === null)
        return;
    // runc start returns once it has read the fifo; the execve(2) follows a moment later
    await waitUntil(() => !commOf(sys, pid).startsWith('runc:['), 1000);
    let exe = '?';
    try {
        exe = sys.readlink(`/proc/${pid}/exe`);
    }
    catch {
        // gone
    }
    out.push(`PID ${pid} exec'd: ${cmdlineOf(sys, pid)} (exe ${exe} in the container's root)`);
}
async function kill(sys, runc, l, signal, out) {
    succeeded(await sys.run(runcArgv(runc, l, ['kill', l.id, signal])), 'runc kill');
    const pid = initPid(sys, l);
    if (pid === null)
        return;
    const gone = () => ['Z', null].includes(stateLetter(sys, pid));
    const ms = await waitUntil(gone, signal.replace(/^SIG/, '') === 'KILL' ? 2000 : 500);
    const name = 'SIG' + signal.replace(/^SIG/, '');
    out.push(gone() ? `PID ${pid} ended ${Math.round(ms)} ms after ${name}` : `${Math.round(ms)} ms after ${name}, PID ${pid} still runs: PID 1 of its namespace has no handler for it`);
}
async function remove(ctx, runc, l, out) {
    succeeded(await ctx.sys.run(runcArgv(runc, l, ['delete', l.id])), 'runc delete');
    const c = chain(ctx);
    const pid = initPid(ctx.sys, l);
    c.pids = c.pids.filter((p) => p !== pid);
    setFocus(ctx, null);
    out.push(`runc removed ${l.root}/${l.id} and the cgroup ${l.cgroupsPath}`);
}
export const runc = defineAction({
    name: 'runc',
    params: z.strictObject({
        op: z.enum(['create', 'start', 'state', 'kill', 'delete']),
        /** for kill: TERM, KILL, SIGUSR1… (runc's default is TERM) */
        signal: z.string().regex(/^(SIG)?[A-Z][A-Z0-9]*$/).optional(),
    }),
    doc: 'The helper runs `runc --root <session>/runc <op> cl-<session>` on the bundle, then `runc state`. create '
        + 'leaves the init (runc:[2:INIT]) blocked opening exec.fifo, its stdin /dev/null and its stdout and stderr '
        + '<session>/runc-container.log, and arms the lesson\'s cleanup; start lets it execve(2) the program; kill '
        + 'sends the signal (TERM unless given) and waits up to 0.5 s (2 s for KILL) for the init to end; delete removes '
        + 'runc\'s state dir and the container\'s cgroup; state only reads. The learner sees the "runc state" JSON and '
        + '"the init\'s parent" in the chain panel, and the process and namespace panels follow the init\'s host PID.',
    host: {
        effect: 'runs `runc {op}` as root on the lab\'s bundle, state under the session directory (create makes the cgroup container-lab-<session>-runc; the default spec\'s confinement: few capabilities, no host mounts)',
        untrusted: 'allowed',
    },
    performs: [
        program('runc create', 'runc-create(8)'),
        program('runc start', 'runc-start(8)'),
        program('runc kill', 'runc-kill(8)'),
        program('runc delete', 'runc-delete(8)'),
        program('runc state', 'runc-state(8)'),
    ],
    needs: ['runc bundle if op=create', 'runc container if op!=create'],
    provides: ['runc container if op=create'],
    ends: ['runc container if op=delete'],
    run: async (ctx, { op, signal }) => {
        const bin = requireRunc(ctx);
        const l = layoutOf(ctx);
        const out = [];
        if (op === 'create')
            await create(ctx, bin, l, out);
        else if (op === 'start')
            await start(ctx.sys, bin, l, out);
        else if (op === 'kill')
            await kill(ctx.sys, bin, l, signal ?? 'TERM', out);
        else if (op === 'delete')
            await remove(ctx, bin, l, out);
        const state = await readState(ctx.sys, bin, l);
        setBlock(ctx, 'runc state', state ? stateLines(state) : [`$ runc state ${l.id}`, 'container does not exist']);
        const parent = parentLines(ctx.sys, op === 'delete' ? null : initPid(ctx.sys, l), op === 'delete' ? 'no container: runc deleted it' : 'no container yet');
        setBlock(ctx, "the init's parent", parent);
        blocksFirst(ctx, ['runc state', "the init's parent"]);
        out.push(state ? `runc state: ${state.status}, pid ${state.pid}` : `runc state: ${l.id} does not exist`);
        if (state?.pid) {
            const c = chain(ctx);
            if (!c.pids.includes(state.pid))
                c.pids.push(state.pid);
            setFocus(ctx, state.pid);
        }
        if (state?.status === 'stopped') {
            // a zombie, then reaped: its PID may soon be someone else's, whom the panels must not follow
            const c = chain(ctx);
            c.pids = c.pids.filter((p) => p !== initPid(ctx.sys, l));
            setFocus(ctx, null);
        }
        out.push(...parent);
        return outcome(ctx.sys.drain(), out);
    },
});
