// A pids limit of the learner's own that refused a fork: pids.max, pids.events and pids.current of the container's cgroup.
import * as z from 'zod';
import { defineCheck, pass, fail } from '../steps/define.js';
import { where, read, key } from './cgroupLimitChecks.js';

export const pidsLimitHit = defineCheck({
  name: 'pids-limit-hit',
  params: z.strictObject({ below: z.number().int().min(1) }),
  doc: 'The container\'s pids cgroup (the directory its /proc/<pid>/cgroup names) has a limit below `below` in '
    + 'pids.max, the limit is full now (pids.current is at least pids.max) and pids.events counts a refused fork '
    + '(max ≥ 1). A limit a lesson step never writes, held full by the learner\'s own processes: a fork loop of the '
    + 'lab\'s, which reaps its processes before its step ends, does not leave it full.',
  reads: ['/proc/<container>/cgroup', 'pids.max', 'pids.current', 'pids.events max'],
  run: (ctx, { below }) => {
    const { dir } = where(ctx, ctx.builder.pid, 'pids');
    const maxText = read(ctx, dir, 'pids.max');
    const max = Number(maxText);
    if (!/^\d+$/.test(maxText) || max >= below) return fail(`pids.max is ${maxText}, expected a limit of your own below ${below}`);
    const refused = key(ctx, dir, 'pids.events', 'max');
    if (refused < 1) return fail(`pids.max is ${max}, but pids.events counts no refused fork yet (max ${refused})`);
    const current = Number(read(ctx, dir, 'pids.current'));
    if (current < max) return fail(`pids.events counts ${refused} refused fork${refused === 1 ? '' : 's'}, but pids.current ${current} is below pids.max ${max}: the limit is not full now`);
    return pass(`pids.max ${max}, pids.current ${current}: full; pids.events max ${refused}`);
  },
});
