// mount("overlay", merged, "overlay", 0, "lowerdir=…,upperdir=…,workdir=…") in the container's mount namespace.
import { z } from 'zod';
import { defineAction, syscall, outcome } from '../steps/define.js';
import { containerName } from '../steps/params.js';
import { dirname, relative } from 'node:path';
import { inContainer } from './builderCall.js';
import { overlayPaths, requireLayers } from './layersState.js';
import { LabError } from '../errors.js';
/** What the container part is given: the directories, which only the helper knows (they are in the session directory). */
const overlayMount = z.strictObject({ lower: z.array(z.string()).min(1), upper: z.string(), work: z.string(), merged: z.string(), userxattr: z.boolean().optional() });
/**
 * overlayfs.rst "Multiple lower layers": lowerdir=top:…:bottom. The option string is parsed
 * on ',' and ':' (a backslash escapes them), and must fit one page with the other options.
 * "userxattr": overlayfs keeps its opaque-directory, redirect and origin markers in trusted.overlay.*
 * xattrs, which only CAP_SYS_ADMIN in the initial user namespace may set (xattr(7)); mounted in
 * a user namespace (Linux >= 5.11) it must be told to use user.overlay.* instead, else it warns
 * "failed to set xattr on upper" and replacing a lower directory fails with EIO.
 */
export function overlayOptions({ lower, upper, work, userxattr }) {
    for (const path of [...lower, upper, work]) {
        if (/[,:\\\s]/.test(path))
            throw new LabError(`overlay path ${path} contains a character the option string would need to escape`);
    }
    return `lowerdir=${lower.join(':')},upperdir=${upper},workdir=${work}${userxattr ? ',userxattr' : ''}`;
}
/** Rootless, what the kernel refusing the mount means: overlay in a user namespace came with Linux 5.11. */
function rootlessHint(error, release) {
    const code = error.code;
    if (code === 'EPERM' || code === 'EINVAL') {
        throw new LabError(`mount of overlay in a user namespace: ${error.message}`, `unprivileged overlayfs (mounted by the root of a user namespace, with the userxattr option) needs Linux 5.11 or later; this kernel is ${release}. Run container-lab as root (or with --sudo)`);
    }
    throw error;
}
function mkdirs(sys, paths) {
    for (const path of paths) {
        if (!sys.exists(dirname(path)))
            mkdirs(sys, [dirname(path)]);
        if (!sys.exists(path))
            sys.mkdir(path, 0o755);
    }
}
/**
 * overlayfs.rst: the lower layers are read-only and stacked (top first), changes go to upperdir,
 * and workdir — an empty directory on the same filesystem as upperdir — is overlayfs's scratch
 * space for atomic copy-up and rename.
 */
export const mountOverlay = defineAction({
    name: 'mount-overlay',
    params: z.strictObject({ container: containerName }),
    doc: 'The helper makes <session>/containers/<container>/{upper,work,merged}; then the container process, in its own '
        + 'mount namespace, mounts an overlay on merged with mount(2): the unpacked image layers as lowerdir (read-only, '
        + 'top first), upper for the container\'s changes and work as overlayfs\'s scratch directory. The learner sees the '
        + 'four directories; inside the container\'s mount namespace merged holds the image\'s files, while the host\'s '
        + 'mountinfo has no such mount and merged there stays an empty directory. Each container gets its own upperdir '
        + 'over the same lower directories.',
    host: {
        effect: 'mounts an overlay on <session>/containers/{container}/merged in the container\'s own mount namespace',
        untrusted: 'allowed',
    },
    performs: [syscall('mount', 'mount(2), overlayfs: mount(8) overlay')],
    needs: ['own mnt namespace', 'private mounts', 'image layers'],
    provides: ['overlay {container}'],
    inContainer({ sys, state }, _params, given) {
        state.requireOwnMountNamespace();
        const p = overlayMount.parse(given);
        try {
            sys.kernel.mount('overlay', p.merged, 'overlay', 0, overlayOptions(p));
        }
        catch (error) {
            if (!p.userxattr)
                throw error;
            rootlessHint(error, sys.readFile('/proc/sys/kernel/osrelease').trim());
        }
        return {};
    },
    run: async (ctx, { container }) => {
        const layers = requireLayers(ctx);
        if (layers.containers[container])
            throw new LabError(`container ${container} already has its overlay mounted on ${layers.containers[container].merged}`);
        const paths = overlayPaths(ctx.session.dir, container);
        mkdirs(ctx.sys, [paths.upper, paths.work, paths.merged]);
        const local = ctx.sys.drain();
        const lower = [...layers.layerDirs].reverse();
        const userxattr = ctx.rootless;
        const { log } = await inContainer(ctx, 'mount-overlay', { container }, { lower, ...paths, ...(userxattr ? { userxattr } : {}) });
        layers.containers[container] = paths;
        const rel = (p) => relative(ctx.session.dir, p);
        return outcome([...local, ...log], [
            `lowerdir  ${lower.map(rel).join(' : ')}   (read-only, top first)`,
            `upperdir  ${rel(paths.upper)}   (this container's changes)`,
            `workdir   ${rel(paths.work)}`,
            `merged    ${paths.merged}   (the container's root: all of them, stacked)`,
            ...(userxattr ? ['userxattr (rootless: overlayfs marks opaque directories with user.overlay.opaque; trusted.* needs the host\'s root)'] : []),
        ]);
    },
});
