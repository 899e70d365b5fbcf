// Checks on cgroup membership and the cgroup namespace's view of it.
import { z } from 'zod';
import { defineCheck, pass, fail } from '../steps/define.js';
import { nsenter } from './nsenter.js';
import { parseProcCgroup } from '../observe/parse/cgroup.js';
/** cgroup_namespaces(7): inside, the namespace's root cgroup is shown as "/". */
export const cgroupRootInside = defineCheck({
    name: 'cgroup-root-inside',
    params: z.strictObject({}),
    doc: 'The cgroup namespace hides where the container sits (cgroup_namespaces(7)): the host\'s '
        + '/proc/<container>/cgroup shows the container process in the lab\'s cgroup (container-lab-…; rootless, in '
        + 'whatever cgroup it is), and the same file read by cat(1) run with nsenter(1) in the container\'s cgroup '
        + 'namespace shows "/" for each of those hierarchies.',
    reads: ['/proc/<container>/cgroup', '`nsenter --target <container> --cgroup cat /proc/<container>/cgroup` (run by the check)'],
    run: (ctx) => {
        const host = parseProcCgroup(ctx.sys.readFile(`/proc/${ctx.builder.pid}/cgroup`));
        // /proc/<pid>/cgroup shows paths relative to the reader's cgroup namespace root: read the
        // container process's file from a reader inside its cgroup namespace.
        const inside = parseProcCgroup(nsenter(ctx.builder.pid, ['cgroup'], ['cat', `/proc/${ctx.builder.pid}/cgroup`], ctx.rootless, ctx.sys));
        const joined = ctx.rootless ? host : host.filter((h) => h.path.includes('container-lab-'));
        if (joined.length === 0)
            return fail('the container process is in no lab cgroup');
        const wrong = joined.filter((h) => inside.find((i) => i.hierarchyId === h.hierarchyId)?.path !== '/');
        return wrong.length === 0
            ? pass(`host sees ${joined[0].path}; inside it is /`)
            : fail(`inside shows ${wrong.map((w) => inside.find((i) => i.hierarchyId === w.hierarchyId)?.path ?? '?').join(', ')} for ${wrong[0].path}`);
    },
});
export const outputMatches = defineCheck({
    name: 'output-matches',
    params: z.strictObject({ pattern: z.string().min(1) }),
    doc: 'What the last step\'s programs printed on stdout (a `run` step, a hog) matches this regular expression, '
        + 'tried on all its lines at once with ^ and $ matching at each line (the m flag).',
    reads: ['the last step\'s stdout'],
    run: (ctx, { pattern }) => {
        const re = new RegExp(pattern, 'm');
        const text = ctx.lastOutput.join('\n');
        return re.test(text) ? pass(`output matches /${pattern}/`) : fail(`output does not match /${pattern}/: ${text.slice(0, 80)}`);
    },
});
