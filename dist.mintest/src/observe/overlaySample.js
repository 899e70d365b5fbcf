// Reads the lab's overlay mounts and what each upperdir holds: new and copied-up files, whiteouts, opaque dirs.
import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { overlayMounts } from './parse/overlay.js';
import { getXattr, OPAQUE_XATTR, USER_OPAQUE_XATTR } from '../image/fsCalls.js';
export const realUpperFs = {
    readdir: (path) => readdirSync(path),
    lstat(path) {
        const st = lstatSync(path);
        const type = st.isFile() ? 'file' : st.isDirectory() ? 'dir' : st.isSymbolicLink() ? 'symlink' : st.isCharacterDevice() ? 'char' : 'other';
        return { type, rdev: st.rdev };
    },
    opaque(path) {
        try {
            return (getXattr(path, OPAQUE_XATTR) ?? getXattr(path, USER_OPAQUE_XATTR))?.toString('utf8') ?? null;
        }
        catch {
            return null; // no xattr support here, or the path went away
        }
    },
};
/**
 * overlayfs.rst "whiteouts and opaque directories": a whiteout is a character device 0/0; an
 * opaque directory has the overlay.opaque xattr set to "y" (6.7+ may also write "x" on a lower
 * directory that holds xattr-whiteouts: not opaque).
 */
export function classifyUpper(st, opaque) {
    if (st.type === 'char' && st.rdev === 0)
        return 'whiteout';
    if (st.type === 'dir')
        return opaque === 'y' ? 'opaque' : 'dir';
    if (st.type === 'file')
        return 'file';
    if (st.type === 'symlink')
        return 'symlink';
    return null;
}
/**
 * Every entry under an upperdir, depth first, names sorted, as paths seen inside the container
 * ("/etc/motd"). At most `limit` entries: a container that installs packages writes thousands.
 */
export function listUpperEntries(upper, fs = realUpperFs, limit = 200) {
    const out = [];
    const walk = (dir, rel) => {
        let names;
        try {
            names = fs.readdir(dir).sort();
        }
        catch {
            return; // removed while we looked
        }
        for (const name of names) {
            if (out.length >= limit)
                return;
            const path = join(dir, name);
            let st;
            try {
                st = fs.lstat(path);
            }
            catch {
                continue;
            }
            const kind = classifyUpper(st, st.type === 'dir' ? fs.opaque(path) : null);
            if (kind === null)
                continue;
            out.push({ path: `${rel}/${name}`, kind });
            if (st.type === 'dir')
                walk(path, `${rel}/${name}`);
        }
    };
    walk(upper, '');
    return out;
}
/**
 * The overlay mounts a container has and the host does not (mounts marked `added`), each with
 * its upperdir's entries, read under `root` (the upperdir is an ordinary directory on the host).
 */
export function sampleOverlays(root, mounts, fs = realUpperFs) {
    return overlayMounts(mounts.filter((m) => m.added)).map(({ mount, options }) => ({
        merged: mount.mountPoint,
        lower: options.lower,
        upper: options.upper ?? '',
        work: options.work ?? '',
        upperEntries: options.upper ? listUpperEntries(join(root, options.upper), fs) : [],
    }));
}
