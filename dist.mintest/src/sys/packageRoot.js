// Finds the installed package's root (where lessons/ and package.json are), from any module in it.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
export function packageRoot(from = fileURLToPath(import.meta.url)) {
    let dir = dirname(from);
    for (;;) {
        const manifest = join(dir, 'package.json');
        if (existsSync(manifest)) {
            try {
                if (JSON.parse(readFileSync(manifest, 'utf8')).name === 'container-lab')
                    return dir;
            }
            catch {
                // not ours; keep looking
            }
        }
        const parent = dirname(dir);
        if (parent === dir)
            throw new Error('container-lab: cannot find its own package directory');
        dir = parent;
    }
}
export function packageVersion() {
    return JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')).version;
}
/** The lessons shipped with the package, or an author's own directory in $CONTAINER_LAB_LESSONS. */
export function lessonsDir(env = process.env) {
    return env.CONTAINER_LAB_LESSONS || packageLessonsDir();
}
/** The package's own lessons: the only ones trusted without --trust-lessons. */
export function packageLessonsDir() {
    return join(packageRoot(), 'lessons');
}
