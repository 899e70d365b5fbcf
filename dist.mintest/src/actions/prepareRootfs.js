// Unpacks the lab image into <session>/rootfs (helper) and bind-mounts it onto itself (container process): pivot_root(2) needs a mount point.
import { z } from 'zod';
import { defineAction, syscall, outcome } from '../steps/define.js';
import { join } from 'node:path';
import { inContainer } from './builderCall.js';
import { rootfsDir } from './rootProcess.js';
import { ensureLabImage, unpackRootfs } from '../image/labImage.js';
import { quote } from '../../native/syscallLog.js';
import { MS } from '../../native/constants.js';
const short = (digest) => digest.replace(/^sha256:/, '').slice(0, 12);
function size(bytes) {
    return bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(1)} MiB` : `${Math.max(1, Math.round(bytes / 1024))} KiB`;
}
/** What the container part is given: the rootfs directory, which only the helper knows (it is in the session directory). */
const rootfsGiven = z.strictObject({ rootfs: z.string().startsWith('/') });
export const prepareRootfs = defineAction({
    name: 'prepare-rootfs',
    params: z.strictObject({}),
    doc: 'The helper makes sure the lab image is built, unpacks its layers into <session>/rootfs (one "unpack" line '
        + 'in the log) and gives the rootfs an empty /proc if the image has none. Then the container process bind-mounts '
        + 'the rootfs onto itself (mount(2) with MS_BIND), in its own mount namespace only: pivot_root(2) refuses a new '
        + 'root that is not a mount point. The learner sees the image\'s layers and the new mount in the container\'s '
        + 'mountinfo, while the host\'s mount table does not change.',
    host: {
        effect: 'unpacks the lab image into <session>/rootfs and bind-mounts it onto itself in the container\'s own mount namespace',
        untrusted: 'allowed',
    },
    performs: [syscall('mount', 'MS_BIND mount(2)')],
    needs: ['own mnt namespace', 'private mounts'],
    provides: ['rootfs'],
    /** pivot_root(2) needs new_root to be a mount point: bind-mount the rootfs onto itself. */
    inContainer({ sys, state }, _params, given) {
        state.requireOwnMountNamespace();
        const { rootfs } = rootfsGiven.parse(given);
        sys.kernel.mount(rootfs, rootfs, null, MS.BIND, null);
        return {};
    },
    run: async (ctx, params) => {
        const messages = [];
        const image = await ensureLabImage({ onMessage: (line) => messages.push(line) });
        const rootfs = rootfsDir(ctx.session.dir);
        if (!ctx.sys.exists(rootfs))
            ctx.sys.mkdir(rootfs, 0o755);
        const started = performance.now();
        // The helper unpacks from the host side: the session directory is the same on both sides.
        await unpackRootfs(image, rootfs);
        ctx.sys.record('unpack', [quote(`sha256:${short(image.manifestDigest)}…`), quote(rootfs)], 0, undefined, performance.now() - started);
        // A runtime mounts proc on the image's /proc; an image without one gets the directory here.
        if (!ctx.sys.exists(join(rootfs, 'proc')))
            ctx.sys.mkdir(join(rootfs, 'proc'), 0o555);
        const local = ctx.sys.drain();
        const { log } = await inContainer(ctx, 'prepare-rootfs', params, { rootfs });
        return outcome([...local, ...log], [
            ...messages,
            `image ${short(image.manifestDigest)} (${image.source}), ${image.layers.length} layers:`,
            ...image.layers.map((l) => `  ${short(l.digest)} ${size(l.size)}  ${l.createdBy}`),
            `unpacked into ${rootfs}, now a mount point (bind mount onto itself)`,
        ]);
    },
});
