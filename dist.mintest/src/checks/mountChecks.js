// Checks on the container's mount table against the host's (mountinfo from both sides).
import { z } from 'zod';
import { defineCheck, pass, fail } from '../steps/define.js';
import { parseMountinfo } from '../observe/parse/mountinfo.js';
function mountinfo(ctx, pid) {
    return parseMountinfo(ctx.sys.readFile(`/proc/${pid}/mountinfo`));
}
export const mountInvisibleOnHost = defineCheck({
    name: 'mount-invisible-on-host',
    params: z.strictObject({ fstype: z.string().min(1) }),
    doc: 'A mount of this filesystem type below the session\'s directory is in the container\'s mount table and not '
        + 'the host\'s: the container process\'s /proc/<pid>/mountinfo lists one, and the helper\'s own mountinfo (the '
        + 'host\'s mount namespace) has no mount of that type on the same point. The session directory\'s own tmpfs, '
        + 'which the helper mounts on the host, is not one.',
    reads: ['/proc/<container>/mountinfo', '/proc/self/mountinfo'],
    run: (ctx, { fstype }) => {
        const hostPoints = new Set(mountinfo(ctx, 'self').filter((m) => m.fsType === fstype).map((m) => m.mountPoint));
        // strictly below: the session directory itself is the lab's own tmpfs, mounted on the host (src/helper/sessionMount.ts)
        const inside = mountinfo(ctx, ctx.builder.pid).filter((m) => m.fsType === fstype && m.mountPoint.startsWith(`${ctx.session.dir}/`));
        if (inside.length === 0)
            return fail(`no ${fstype} mount under ${ctx.session.dir} inside the container`);
        const leaked = inside.filter((m) => hostPoints.has(m.mountPoint));
        return leaked.length === 0
            ? pass(`${fstype} on ${inside[0].mountPoint}: in the container's mountinfo, not in the host's`)
            : fail(`the host sees it too: ${leaked[0].mountPoint}`);
    },
});
export const mountsPrivate = defineCheck({
    name: 'mounts-private',
    params: z.strictObject({}),
    doc: 'No mount in the container\'s mount namespace propagates: no line of the container process\'s '
        + '/proc/<pid>/mountinfo has a "shared:N" optional field (mount_namespaces(7)).',
    reads: ['/proc/<container>/mountinfo optional fields'],
    run: (ctx) => {
        const shared = mountinfo(ctx, ctx.builder.pid).filter((m) => m.optionalFields.some((f) => f.startsWith('shared:')));
        return shared.length === 0
            ? pass('no mount in the container is shared with a peer group')
            : fail(`${shared.length} mount(s) still shared, e.g. ${shared[0].mountPoint} (${shared[0].optionalFields.join(' ')})`);
    },
});
