// Resolves a path the way a process chrooted into a directory would see it: absolute symlinks stay inside.
import { join } from 'node:path';
/**
 * An image's /bin/sleep is often `-> /bin/busybox`: followed from the host, that would be the
 * host's busybox. Here every symlink is read inside `root` ("/" is root, ".." stops at it).
 * Returns the host path of what the name ends at, or null when a part is missing or the links
 * go round (more than 40, like the kernel's ELOOP). Reads through `fs`: a step's ctx.sys.
 */
export function resolveInRoot(root, path, fs) {
    const parts = path.split('/').filter((p) => p !== '' && p !== '.');
    let resolved = [];
    let links = 0;
    while (parts.length > 0) {
        const name = parts.shift();
        if (name === '..') {
            resolved.pop();
            continue;
        }
        const host = join(root, ...resolved, name);
        let isLink;
        try {
            isLink = fs.lstat(host).isSymbolicLink;
        }
        catch {
            return null;
        }
        if (!isLink) {
            resolved.push(name);
            continue;
        }
        if (++links > 40)
            return null;
        const target = fs.readlink(host);
        if (target.startsWith('/'))
            resolved = [];
        parts.unshift(...target.split('/').filter((p) => p !== '' && p !== '.'));
    }
    return join(root, ...resolved);
}
