// Checks on the container's network interfaces, read with ip(8) inside its network namespace.
import { z } from 'zod';
import { defineCheck, pass, fail } from '../steps/define.js';
import { nsenter } from './nsenter.js';

export const links = defineCheck({
  name: 'links',
  params: z.strictObject({ only: z.array(z.string().min(1)).min(1), up: z.boolean() }),
  doc: '',
  reads: [],
  run: (ctx, { only, up }) => {
    const text = nsenter(ctx.builder.pid, ['net'], ['ip', '-o', 'link', 'show'], ctx.rootless);
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
