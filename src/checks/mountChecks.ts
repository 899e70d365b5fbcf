// Checks on the container's mount table against the host's (mountinfo from both sides).
import { z } from 'zod';
import { defineCheck, pass, fail } from '../steps/define.js';
import { readFileSync } from 'node:fs';
import { parseMountinfo } from '../observe/parse/mountinfo.js';

function mountinfo(pid: number | 'self') {
  return parseMountinfo(readFileSync(`/proc/${pid}/mountinfo`, 'utf8'));
}

export const mountInvisibleOnHost = defineCheck({
  name: 'mount-invisible-on-host',
  params: z.strictObject({ fstype: z.string().min(1) }),
  doc: '',
  reads: [],
  run: (ctx, { fstype }) => {
    const hostPoints = new Set(mountinfo('self').filter((m) => m.fsType === fstype).map((m) => m.mountPoint));
    const inside = mountinfo(ctx.builder.pid).filter((m) => m.fsType === fstype && m.mountPoint.startsWith(ctx.session.dir));
    if (inside.length === 0) return fail(`no ${fstype} mount under ${ctx.session.dir} inside the container`);
    const leaked = inside.filter((m) => hostPoints.has(m.mountPoint));
    return leaked.length === 0
      ? pass(`${fstype} on ${inside[0].mountPoint}: in the container's mountinfo, not in the host's`)
      : fail(`the host sees it too: ${leaked[0].mountPoint}`);
  },
});

export const mountsPrivate = defineCheck({
  name: 'mounts-private',
  params: z.strictObject({}),
  doc: '',
  reads: [],
  run: (ctx) => {
    const shared = mountinfo(ctx.builder.pid).filter((m) => m.optionalFields.some((f) => f.startsWith('shared:')));
    return shared.length === 0
      ? pass('no mount in the container is shared with a peer group')
      : fail(`${shared.length} mount(s) still shared, e.g. ${shared[0].mountPoint} (${shared[0].optionalFields.join(' ')})`);
  },
});
