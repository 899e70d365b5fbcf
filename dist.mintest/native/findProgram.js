// Finds a program on PATH the way execvp(3) would, for execve(2) which needs a full path.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
/*
 * A user's PATH on Debian and Ubuntu has no sbin directory, where Debian's runc (/usr/sbin/runc)
 * and other daemons live; the root helper finds them there (sudo's secure_path has them), so a
 * search from the user's side looks there too, after PATH.
 */
const SYSTEM_DIRS = ['/usr/local/sbin', '/usr/sbin', '/sbin'];
export function findProgram(name, path = process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin', systemDirs = SYSTEM_DIRS) {
    if (name.includes('/'))
        return name;
    const dirs = path.split(delimiter);
    for (const dir of [...dirs, ...systemDirs.filter((d) => !dirs.includes(d))]) {
        if (!dir)
            continue;
        const candidate = join(dir, name);
        try {
            accessSync(candidate, constants.X_OK);
            return candidate;
        }
        catch {
            // not here
        }
    }
    throw new Error(`${name} was not found on PATH (${path})`);
}
/** Like findProgram, but null instead of an error. */
export function whichProgram(name, path) {
    try {
        return findProgram(name, path);
    }
    catch {
        return null;
    }
}
