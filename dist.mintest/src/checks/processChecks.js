// Checks on the container's processes as the host sees them: NSpid, and what /proc inside lists.
import { z } from 'zod';
import { defineCheck, pass, fail } from '../steps/define.js';
import { nsenter } from './nsenter.js';
import { parseStatus } from '../observe/parse/status.js';
import { realSys } from '../sys/real.js';
function status(sys, pid) {
    return parseStatus(sys.readFile(`/proc/${pid}/status`));
}
export const initPidInside = defineCheck({
    name: 'init-pid-inside',
    params: z.strictObject({ equals: z.number().int().min(1) }),
    doc: 'PID 1 has this PID inside its PID namespace: the last number of NSpid in the host\'s /proc/<pid>/status '
        + '(one PID per nested PID namespace, the innermost last; proc(5)) is the expected one.',
    reads: ['/proc/<PID 1>/status NSpid'],
    run: (ctx, { equals }) => {
        if (ctx.initPid === null)
            return fail('no PID 1 has been started');
        const s = status(ctx.sys, ctx.initPid);
        const inside = s.nsPids[s.nsPids.length - 1];
        return inside === equals
            ? pass(`host PID ${ctx.initPid} is PID ${inside} inside (NSpid: ${s.nsPids.join(' ')})`)
            : fail(`host PID ${ctx.initPid} is PID ${inside} inside (NSpid: ${s.nsPids.join(' ')}), expected ${equals}`);
    },
});
export const initVisibleFromHost = defineCheck({
    name: 'init-visible-from-host',
    params: z.strictObject({}),
    doc: 'The host sees the container\'s PID 1 as an ordinary process: the host\'s /proc/<pid>/status has it under '
        + 'its host PID (the first number of its NSpid is that PID); the detail shows its command line and its parent, '
        + 'the container process.',
    reads: ['/proc/<PID 1>/cmdline', '/proc/<PID 1>/status NSpid, PPid'],
    run: (ctx) => {
        if (ctx.initPid === null)
            return fail('no PID 1 has been started');
        const cmd = ctx.sys.readFile(`/proc/${ctx.initPid}/cmdline`).replace(/\0/g, ' ').trim();
        const s = status(ctx.sys, ctx.initPid);
        return s.nsPids[0] === ctx.initPid
            ? pass(`the host's /proc has it: PID ${ctx.initPid} "${cmd}", parent ${s.ppid}`)
            : fail(`host /proc/${ctx.initPid} shows NSpid ${s.nsPids.join(' ')}`);
    },
});
/** Every process in a PID namespace, by the host's /proc: its host PID and its PID inside (innermost NSpid). */
export function processesInNamespace(pidNsLink, sys = realSys) {
    const out = [];
    for (const name of sys.readdir('/proc')) {
        if (!/^\d+$/.test(name))
            continue;
        try {
            if (sys.readlink(`/proc/${name}/ns/pid`) !== pidNsLink)
                continue;
            const s = parseStatus(sys.readFile(`/proc/${name}/status`));
            out.push({ hostPid: Number(name), inside: s.nsPids[s.nsPids.length - 1] });
        }
        catch {
            // exited while we looked
        }
    }
    return out;
}
/** The PIDs inside of every process in a PID namespace. */
export function pidsInNamespace(pidNsLink, sys = realSys) {
    return new Set(processesInNamespace(pidNsLink, sys).map((p) => p.inside));
}
export const procListsOnlyContainer = defineCheck({
    name: 'proc-lists-only-container',
    params: z.strictObject({}),
    doc: '/proc in the container\'s mount namespace is a proc of its own PID namespace: `ls /proc` run there with '
        + 'nsenter(1) lists PID 1 and only PIDs that the host finds in that namespace (every /proc/<pid>/ns/pid on the '
        + 'host that names the container\'s pid_for_children, mapped to its innermost NSpid).',
    reads: ['`nsenter --target <container> --mount ls /proc` (run by the check)', '/proc/<container>/ns/pid_for_children',
        '/proc/*/ns/pid', '/proc/*/status NSpid'],
    run: (ctx) => {
        const pidNs = ctx.sys.readlink(`/proc/${ctx.builder.pid}/ns/pid_for_children`);
        // ls runs in the container's mount namespace (where the new /proc is) but the host's PID
        // namespace, so it does not list itself: what it prints is exactly the container's processes.
        const listed = nsenter(ctx.builder.pid, ['mount'], ['ls', '/proc'], ctx.rootless, ctx.sys)
            .split(/\s+/).filter((n) => /^\d+$/.test(n)).map(Number);
        const expected = pidsInNamespace(pidNs, ctx.sys);
        const extra = listed.filter((p) => !expected.has(p));
        if (!listed.includes(1))
            return fail(`/proc inside lists ${listed.join(' ') || 'nothing'}; PID 1 is missing`);
        if (extra.length)
            return fail(`/proc inside lists PIDs outside the container: ${extra.join(' ')}`);
        return pass(`/proc inside lists ${listed.length} process${listed.length === 1 ? '' : 'es'}: ${listed.sort((a, b) => a - b).join(' ')}`);
    },
});
