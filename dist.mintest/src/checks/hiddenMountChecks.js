// A mount the learner made in the container that the host's mount table does not have: both mountinfo files, side by side.
import { z } from 'zod';
import { defineCheck, pass, fail } from '../steps/define.js';
import { parseMountinfo } from '../observe/parse/mountinfo.js';
export const mountHiddenFromHost = defineCheck({
    name: 'mount-hidden-from-host',
    params: z.strictObject({ source: z.string().regex(/^[a-z][a-z0-9-]*$/).max(40) }),
    doc: 'A mount whose source is this name (`mount -t tmpfs <source> <dir>`) is in the container\'s mount table and '
        + 'the host\'s has no mount of that filesystem: the container process\'s /proc/<pid>/mountinfo lists it, and no '
        + 'line of the helper\'s own /proc/self/mountinfo (the host\'s mount namespace) has its device (major:minor, '
        + 'field 3). Mount IDs are global but a copy is a new mount with a new ID (a propagated one, or the host\'s '
        + 'mounts copied by unshare), so the device is what tells whether the host sees the filesystem at all.',
    reads: ['/proc/<container>/mountinfo', '/proc/self/mountinfo'],
    run: (ctx, { source }) => {
        const inside = parseMountinfo(ctx.sys.readFile(`/proc/${ctx.builder.pid}/mountinfo`));
        const mine = inside.filter((m) => m.source === source);
        if (mine.length === 0)
            return fail(`the container's mount table has no mount with source ${source} (it has ${inside.length} mounts)`);
        const host = parseMountinfo(ctx.sys.readFile('/proc/self/mountinfo'));
        for (const m of mine) {
            const seen = host.find((h) => h.majorMinor === m.majorMinor);
            if (seen)
                return fail(`the host sees it too: ${m.fsType} ${source} (device ${m.majorMinor}) is on ${seen.mountPoint} in the host's mountinfo (mount ID ${seen.mountId})`);
        }
        const m = mine[0];
        return pass(`${m.fsType} ${source} on ${m.mountPoint}: mount ID ${m.mountId}, device ${m.majorMinor} in the container's mountinfo; no mount of device ${m.majorMinor} in the host's`);
    },
});
