// Reads the host's kernel files under a root path (/ for real, a fixture tree in tests), and who owns them.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
export function hostFiles(root = '/', stat) {
    return {
        read(path) {
            try {
                return readFileSync(join(root, path), 'utf8');
            }
            catch {
                return null;
            }
        },
        stat: stat ?? ((path) => {
            try {
                const st = statSync(join(root, path));
                return { uid: st.uid, mode: st.mode };
            }
            catch {
                return null;
            }
        }),
    };
}
/** The same files as the cgroup delegation check reads them (paths from the root; missing files throw ENOENT). */
export function delegationFs(files) {
    const missing = (path) => Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
    return {
        readFile(path) {
            const text = files.read(path);
            if (text === null)
                throw missing(path);
            return text;
        },
        exists: (path) => files.stat(path) !== null,
        lstat(path) {
            const st = files.stat(path);
            if (st === null)
                throw missing(path);
            return st;
        },
    };
}
