// Checks on the container's network interfaces, read with ip(8) inside its network namespace.
import { z } from 'zod';
import { defineCheck, pass, fail } from '../steps/define.js';
import { nsenter } from './nsenter.js';
export const links = defineCheck({
    name: 'links',
    params: z.strictObject({ only: z.array(z.string().min(1)).min(1), up: z.boolean() }),
    doc: 'The container\'s network namespace has exactly these interfaces, all up or all down: `ip -o link show` run '
        + 'with nsenter(1) in it lists the names given (in any order) and no other, and each one\'s flags hold UP, or do '
        + 'not, as asked. A new network namespace has only lo, down.',
    reads: ['`nsenter --target <container> --net ip -o link show` (run by the check)'],
    run: (ctx, { only, up }) => {
        const text = nsenter(ctx.builder.pid, ['net'], ['ip', '-o', 'link', 'show'], ctx.rootless, ctx.sys);
        const found = text.split('\n').filter(Boolean).map((line) => {
            const m = /^\d+:\s+([^:@]+)[^<]*<([^>]*)>/.exec(line);
            return { name: m?.[1] ?? '?', up: (m?.[2] ?? '').split(',').includes('UP') };
        });
        const names = found.map((l) => l.name);
        if (names.slice().sort().join(',') !== only.slice().sort().join(','))
            return fail(`interfaces inside: ${names.join(', ')}; expected only ${only.join(', ')}`);
        const wrong = found.filter((l) => l.up !== up);
        return wrong.length === 0
            ? pass(`only ${names.join(', ')}, ${up ? 'UP' : 'DOWN'}`)
            : fail(`${wrong.map((l) => l.name).join(', ')} is ${up ? 'DOWN' : 'UP'}`);
    },
});
