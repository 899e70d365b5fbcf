// Checks on what the container is called and which kernel it runs: hostname, release, uid mapping.
import { z } from 'zod';
import { defineCheck, pass, fail } from '../steps/define.js';
import { nsenter } from './nsenter.js';
import { userPid } from '../actions/userNamespaceState.js';
import { parseStatus } from '../observe/parse/status.js';
import { parseIdMap } from '../observe/parse/idMap.js';
export const hostnameInside = defineCheck({
    name: 'hostname-inside',
    params: z.strictObject({ equals: z.string().min(1) }),
    doc: 'The container\'s UTS namespace has this hostname: hostname(1), run with nsenter(1) in the container '
        + 'process\'s UTS namespace, prints exactly the expected name.',
    reads: ['`nsenter --target <container> --uts hostname` (run by the check)'],
    run: (ctx, { equals }) => {
        const inside = nsenter(ctx.builder.pid, ['uts'], ['hostname'], ctx.rootless, ctx.sys).trim();
        return inside === equals ? pass(`hostname inside: ${inside}`) : fail(`hostname inside is ${inside}, expected ${equals}`);
    },
});
export const hostHostnameUnchanged = defineCheck({
    name: 'host-hostname-unchanged',
    params: z.strictObject({}),
    doc: 'The host\'s hostname is still the one it had when the lesson opened: the helper never leaves the host\'s '
        + 'UTS namespace, so its /proc/sys/kernel/hostname is the host\'s (uts_namespaces(7)).',
    reads: ['/proc/sys/kernel/hostname (the helper\'s, the host\'s UTS namespace)'],
    run: (ctx) => {
        const now = ctx.sys.readFile('/proc/sys/kernel/hostname').trim();
        return now === ctx.hostHostname ? pass(`host hostname still ${now}`) : fail(`host hostname changed from ${ctx.hostHostname} to ${now}`);
    },
});
export const sameKernel = defineCheck({
    name: 'same-kernel',
    params: z.strictObject({}),
    doc: 'The container runs on the host\'s kernel: `uname -r` run with nsenter(1) in the container\'s UTS namespace '
        + 'prints the same release as the host\'s /proc/sys/kernel/osrelease. Namespaces change what a process sees, '
        + 'never which kernel it calls.',
    reads: ['`nsenter --target <container> --uts uname -r` (run by the check)', '/proc/sys/kernel/osrelease'],
    run: (ctx) => {
        const inside = nsenter(ctx.builder.pid, ['uts'], ['uname', '-r'], ctx.rootless, ctx.sys).trim();
        const host = ctx.sys.readFile('/proc/sys/kernel/osrelease').trim();
        return inside === host ? pass(`one kernel: ${inside} inside and on the host`) : fail(`inside ${inside}, host ${host}`);
    },
});
export const uidMapped = defineCheck({
    name: 'uid-mapped',
    params: z.strictObject({ inside: z.number().int().min(0), outside: z.number().int().min(0).optional() }),
    doc: 'The user-namespace process\'s uid_map maps the uid `inside` to an unprivileged uid on the host, and the host '
        + 'agrees: the uid the map gives is the real uid the host\'s /proc/<pid>/status shows for the process. With '
        + '`outside` (checked only as root; rootless the map goes to the user\'s own uid) it must be that uid. It fails '
        + 'when the uid is not mapped, or maps to root.',
    reads: ['/proc/<user-namespace process>/uid_map', '/proc/<user-namespace process>/status Uid'],
    run: (ctx, { inside, outside }) => {
        const pid = userPid(ctx);
        if (pid === null)
            return fail('no process in a user namespace yet');
        const map = parseIdMap(ctx.sys.readFile(`/proc/${pid}/uid_map`));
        const status = parseStatus(ctx.sys.readFile(`/proc/${pid}/status`));
        const hostUid = status.uid[0];
        const line = map.find((m) => inside >= m.inside && inside < m.inside + m.count);
        if (!line)
            return fail(`uid ${inside} is not mapped (uid_map: ${JSON.stringify(map)})`);
        const mapped = line.outside + (inside - line.inside);
        if (mapped !== hostUid)
            return fail(`uid_map says ${inside} → ${mapped}, but the host sees uid ${hostUid}`);
        if (outside !== undefined && mapped !== outside && !ctx.rootless)
            return fail(`uid ${inside} inside is ${mapped} outside, expected ${outside}`);
        if (mapped === 0)
            return fail('uid 0 inside is root outside too');
        return pass(`uid ${inside} inside is uid ${mapped} on the host (unprivileged)`);
    },
});
