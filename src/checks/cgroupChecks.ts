// Checks on cgroup membership and the cgroup namespace's view of it.
import { z } from 'zod';
import { defineCheck, pass, fail } from '../steps/define.js';
import { readFileSync } from 'node:fs';
import { nsenter } from './nsenter.js';
import { parseProcCgroup } from '../observe/parse/cgroup.js';

/** cgroup_namespaces(7): inside, the namespace's root cgroup is shown as "/". */
export const cgroupRootInside = defineCheck({
  name: 'cgroup-root-inside',
  params: z.strictObject({}),
  doc: '',
  reads: [],
  run: (ctx) => {
    const host = parseProcCgroup(readFileSync(`/proc/${ctx.builder.pid}/cgroup`, 'utf8'));
    // /proc/<pid>/cgroup shows paths relative to the reader's cgroup namespace root: read the
    // container process's file from a reader inside its cgroup namespace.
    const inside = parseProcCgroup(nsenter(ctx.builder.pid, ['cgroup'], ['cat', `/proc/${ctx.builder.pid}/cgroup`], ctx.rootless));
    const joined = ctx.rootless ? host : host.filter((h) => h.path.includes('container-lab-'));
    if (joined.length === 0) return fail('the container process is in no lab cgroup');
    const wrong = joined.filter((h) => inside.find((i) => i.hierarchyId === h.hierarchyId)?.path !== '/');
    return wrong.length === 0
      ? pass(`host sees ${joined[0].path}; inside it is /`)
      : fail(`inside shows ${wrong.map((w) => inside.find((i) => i.hierarchyId === w.hierarchyId)?.path ?? '?').join(', ')} for ${wrong[0].path}`);
  },
});

export const outputMatches = defineCheck({
  name: 'output-matches',
  params: z.strictObject({ pattern: z.string().min(1) }),
  doc: '',
  reads: [],
  run: (ctx, { pattern }) => {
    const re = new RegExp(pattern, 'm');
    const text = ctx.lastOutput.join('\n');
    return re.test(text) ? pass(`output matches /${pattern}/`) : fail(`output does not match /${pattern}/: ${text.slice(0, 80)}`);
  },
});
