// The recordings the package ships (assets/recordings/<lesson id>.cast, made by scripts/record-lessons): the menu's fallback for a lesson that cannot run here.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
/** Where scripts/record-lessons writes them, in the package. */
export const RECORDINGS_DIR = join('assets', 'recordings');
/** Lesson id → its recording's path; only names are read here (the files are read when one opens). */
export function shippedRecordings(root) {
    const dir = join(root, RECORDINGS_DIR);
    const found = new Map();
    if (!existsSync(dir))
        return found;
    for (const name of readdirSync(dir)) {
        const m = /^([a-z0-9-]+)\.cast$/.exec(name);
        if (m)
            found.set(m[1], join(dir, name));
    }
    return found;
}
/** A shipped recording is the package's own lesson's: a lesson of the same id from elsewhere has none. */
export function recordingFor(recordings, lesson) {
    return lesson.source.trusted ? (recordings.get(lesson.id) ?? null) : null;
}
