// What the runc-alone actions and checks share: runc on this host, the lesson's layout, /proc through
// the seam, its panel blocks, and its one cleanup (the runc slot).
import { join } from 'node:path';
import { defineSlot } from '../steps/slots.js';
import { chain } from './chainState.js';
import { whichProgram } from '../../native/findProgram.js';
import { LabError } from '../errors.js';
import { removeCgroupDir } from '../cgroup/session.js';
import { hostOsRelease, installHint } from '../chain/installHint.js';
import { runcArgv, runcLayout } from '../chain/runcLayout.js';
import { parseRuncState, runcWords, saysNotExist } from '../chain/runcState.js';
import { parseMountinfo } from '../observe/parse/mountinfo.js';
import { startReaper } from '../chain/reaperClient.js';
/** runc's full path, or a LabError saying what to install on this distribution. */
export function requireRunc(ctx) {
    if (ctx.rootless)
        throw new LabError('runc alone needs root in this lab', 'start container-lab as root (it asks to use sudo)');
    const path = whichProgram('runc');
    if (!path)
        throw new LabError('runc is not installed', installHint(hostOsRelease()), 'ENOENT');
    return path;
}
export function layoutOf(ctx) {
    return runcLayout(ctx.session.dir, ctx.session.id);
}
/** Orders the chain panel's blocks: these titles first, in this order; short of room, the panel drops the last ones. */
export function blocksFirst(ctx, titles) {
    const view = chain(ctx).view;
    const rank = (t) => (titles.includes(t) ? titles.indexOf(t) : titles.length);
    view.blocks = [...(view.blocks ?? [])].sort((a, b) => rank(a.title) - rank(b.title));
}
/** A finished runc run (already logged by Sys.run); a non-zero exit becomes the step's error, in runc's own words. */
export function succeeded(run, what) {
    if (run.status === 0)
        return run;
    const words = runcWords(run.stderr || run.stdout).trim().split('\n').slice(-3).join('\n');
    throw new LabError(`${what} failed (${run.signal ?? 'exit ' + run.status}): ${words || 'no message'}`);
}
/** `runc state <id>`: the state, or null when runc says the container does not exist. Logged for a step; not for a check. */
export async function readState(sys, runc, l) {
    return stateFrom(await sys.run(runcArgv(runc, l, ['state', l.id]), { timeoutMs: 10_000 })).state;
}
/** The same, for a check: run by the check itself, blocking, kept out of the step's log. */
export function askRunc(sys, l) {
    const runc = whichProgram('runc');
    if (!runc)
        throw new Error('runc is not installed');
    const run = sys.runSync(runcArgv(runc, l, ['state', l.id]), { timeoutMs: 10_000, log: false });
    if (run.status === 0)
        return { state: parseRuncState(run.stdout), stderr: '' };
    return { state: null, stderr: run.stderr.trim() };
}
function stateFrom(run) {
    if (run.status === 0)
        return { state: parseRuncState(run.stdout) };
    if (saysNotExist(run.stderr))
        return { state: null };
    throw new LabError(`runc state failed: ${runcWords(run.stderr).trim() || run.signal || 'no message'}`);
}
/** A /proc file through the seam, or null once the process is gone. */
export function readProc(sys, path) {
    try {
        return sys.readFile(path);
    }
    catch {
        return null;
    }
}
/** The process state letter (R, S, Z…), proc(5) /proc/<pid>/stat field 3, or null when gone. */
export function stateLetter(sys, pid) {
    const stat = readProc(sys, `/proc/${pid}/stat`);
    return stat ? stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) : null;
}
/** /proc/<pid>/comm, or "?" when gone. */
export function commOf(sys, pid) {
    return readProc(sys, `/proc/${pid}/comm`)?.trim() ?? '?';
}
/** /proc/<pid>/cmdline as words, or "?" when gone. */
export function cmdlineOf(sys, pid) {
    return readProc(sys, `/proc/${pid}/cmdline`)?.split('\0').filter(Boolean).join(' ') ?? '?';
}
/** The PPid line of /proc/<pid>/status, or null once the process is gone. */
export function ppidOf(sys, pid) {
    const m = /^PPid:\s+(\d+)/m.exec(readProc(sys, `/proc/${pid}/status`) ?? '');
    return m ? Number(m[1]) : null;
}
/** A process's parent and the parent's name, from /proc; null once the process is gone. */
export function parentOf(sys, pid) {
    const ppid = ppidOf(sys, pid);
    return ppid === null ? null : { ppid, comm: commOf(sys, ppid) };
}
/** Every cgroup hierarchy the helper sees (v1 named ones included), from /proc/self/mountinfo. */
export function cgroupHierarchies(sys) {
    const mounts = parseMountinfo(sys.readFile('/proc/self/mountinfo'));
    return [...new Set(mounts.filter((m) => m.fsType === 'cgroup' || m.fsType === 'cgroup2').map((m) => m.mountPoint))];
}
/**
 * The close (and undo, reset, which rebuild from a new session) kills and deletes the container
 * and removes the lab's cgroup parent; the crash reaper, watching the same cgroup, is released.
 */
export const runcSlot = defineSlot({
    name: 'runc',
    create: () => ({}),
    async teardown({ armed }) {
        if (!armed)
            return;
        const { sys, runc, layout: l, reaper } = armed;
        await sys.run(runcArgv(runc, l, ['kill', l.id, 'KILL']), { timeoutMs: 5000, log: false });
        await sys.run(runcArgv(runc, l, ['delete', '--force', l.id]), { timeoutMs: 10_000, log: false });
        for (const h of cgroupHierarchies(sys))
            await removeCgroupDir(join(h, l.cgroupParent));
        reaper.release(l.dir);
    },
});
/**
 * Once per lesson run, before runc create: arms the runc slot's teardown. The crash reaper watches
 * the lab's cgroup parent: if the helper dies, it kills what is in there (the container's init has
 * no lab parent to follow).
 */
export function armCleanup(ctx, runc, l) {
    const s = ctx.slots.use(runcSlot);
    if (s.armed)
        return;
    const reaper = startReaper();
    reaper.watch(l.dir, l.cgroupParent);
    s.armed = { sys: ctx.sys, runc, layout: l, reaper };
}
