// Container paths for the in-root calls: the parent (resolved in the root) and the last name (not followed), and what both ways of resolving share.
import { LabError } from '../errors.js';
/** "/tmp/stop" → tmp + stop. A path that names the root itself, or ends in "." or "..", is refused. */
export function splitInRoot(path) {
    const parts = path.split('/').filter((p) => p !== '');
    const name = parts.pop();
    if (name === undefined || name === '.' || name === '..' || path.includes('\0')) {
        throw new LabError(`${JSON.stringify(path)} does not name a file inside the container's root`);
    }
    return { parent: parts.length ? parts.join('/') : '.', name, rel: [...parts, name].join('/') };
}
/** "/tmp" → "tmp"; "/" → ".": what openat2 is given for a path that may be the root. */
export function relInRoot(path) {
    const parts = path.split('/').filter((p) => p !== '');
    return parts.length ? parts.join('/') : '.';
}
/** /proc/<pid>/root → pid: the process whose mount namespace the fallback enters. */
export function nsPidOf(root) {
    const m = /^\/proc\/(\d+)\/root\/?$/.exec(root);
    return m ? Number(m[1]) : null;
}
/** InRoot.exists, for both ways of resolving: lstat(2) of the path (its last name not followed) succeeds. */
export function lstatSucceeds(lstat, path) {
    try {
        lstat(path);
        return true;
    }
    catch {
        return false;
    }
}
