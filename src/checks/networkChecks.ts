// Checks on the container's network interfaces, read with ip(8) inside its network namespace.
import * as z from 'zod';
import { defineCheck, pass, fail } from '../steps/define.js';
import { nsenter } from './nsenter.js';
import { askRunc, layoutOf } from '../actions/runcUtil.js';
import type { LabContext } from '../steps/context.js';

/** The process whose network namespace to look into: the lab's container process, or runc's container init. */
function targetPid(ctx: LabContext, of: 'container' | 'runc'): number {
  if (of === 'container') return ctx.builder.pid;
  const l = layoutOf(ctx);
  const { state, stderr } = askRunc(ctx.sys, l);
  if (!state?.pid) throw new Error(`runc state ${l.id}: ${stderr || 'no running init'}`);
  return state.pid;
}

export const links = defineCheck({
  name: 'links',
  params: z.strictObject({ only: z.array(z.string().min(1)).min(1), up: z.boolean(), of: z.enum(['container', 'runc']).default('container') }),
  doc: 'The container\'s network namespace has exactly these interfaces, all up or all down: `ip -o link show` run '
    + 'with nsenter(1) in it lists the names given (in any order) and no other, and each one\'s flags hold UP, or do '
    + 'not, as asked. A new network namespace has only lo, down. `of: runc` looks into the namespace of runc\'s '
    + 'container init instead (its PID from `runc state`, run by the check), where runc brought lo up itself.',
  reads: ['`nsenter --target <container> --net ip -o link show` (run by the check)', '`runc state` (run by the check, for of: runc)'],
  run: (ctx, { only, up, of }) => {
    const text = nsenter(targetPid(ctx, of), ['net'], ['ip', '-o', 'link', 'show'], ctx.rootless, ctx.sys);
    const found = text.split('\n').filter(Boolean).map((line) => {
      const m = /^\d+:\s+([^:@]+)[^<]*<([^>]*)>/.exec(line);
      return { name: m?.[1] ?? '?', up: (m?.[2] ?? '').split(',').includes('UP') };
    });
    const names = found.map((l) => l.name);
    if (names.slice().sort().join(',') !== only.slice().sort().join(',')) return fail(`interfaces inside: ${names.join(', ')}; expected only ${only.join(', ')}`);
    const wrong = found.filter((l) => l.up !== up);
    return wrong.length === 0
      ? pass(`only ${names.join(', ')}, ${up ? 'UP' : 'DOWN'}`)
      : fail(`${wrong.map((l) => l.name).join(', ')} is ${up ? 'DOWN' : 'UP'}`);
  },
});
