// The lessons a command works on (the package's, --lessons DIR, $CONTAINER_LAB_LESSONS or one file), and the one a word names.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { lessonsDir, packageLessonsDir } from '../sys/packageRoot.js';
import { didYouMean } from '../format/didYouMean.js';
import { UsageError } from './usageError.js';
import { COMMANDS } from './args.js';
/** A lesson named by its file's path rather than by id or number. */
export function isLessonPath(key) {
    return typeof key === 'string' && (key.includes('/') || key.endsWith('.md'));
}
/**
 * The lessons of the package, of --lessons DIR or $CONTAINER_LAB_LESSONS, or the one file a path
 * names: only the package's are trusted (--trust-lessons answers the question, it trusts no file).
 */
export async function loadAll(o, path) {
    if (path && !existsSync(path))
        throw new UsageError(`no lesson file ${path}`);
    const env = process.env.CONTAINER_LAB_LESSONS;
    let dir = path ? dirname(resolve(path)) : o.lessons ?? lessonsDir();
    const from = path ? 'the command line' : o.lessons ? `--lessons ${o.lessons}` : env ? '$CONTAINER_LAB_LESSONS' : null;
    if (!from)
        dir = packageLessonsDir();
    // the lesson parser (yaml, zod, marked) loads only when a lesson file changed since the cache was written
    const { loadLessonsCached } = await import('../lesson/lessonCache.js');
    let { lessons, errors } = (await loadLessonsCached(dir, from === null ? undefined : { trusted: false, from })).result;
    if (path) {
        const file = resolve(path);
        lessons = lessons.filter((l) => resolve(l.file) === file);
        errors = errors.filter((e) => resolve(e.file) === file || e.line === 0 && resolve(e.file) === dir);
        if (lessons.length === 0 && errors.length === 0)
            throw new UsageError(`no lesson file ${path} (a lesson file ends in .md)`);
    }
    const formatLoadError = errors.length ? (await import('../lesson/loadLessons.js')).formatLoadError : String;
    return { lessons, errors, warnings: errors.map((e) => formatLoadError(e)) };
}
/** The lesson an id or number names; else a UsageError that suggests the nearest lesson or command. */
export function findLesson(lessons, key) {
    if (/^\d+$/.test(key)) {
        const byNumber = lessons[Number(key) - 1];
        if (byNumber)
            return byNumber;
        throw new UsageError(`no lesson ${key}: there are ${lessons.length} (container-lab list)`);
    }
    const found = lessons.find((l) => l.id === key);
    if (found)
        return found;
    const ids = lessons.map((l) => l.id);
    const guess = didYouMean(key, [...ids, ...COMMANDS]);
    if (guess !== null && ids.includes(guess))
        throw new UsageError(`unknown lesson ${key} — did you mean ${guess}?`);
    if (guess !== null)
        throw new UsageError(`unknown command ${key} — did you mean ${guess}?`);
    throw new UsageError(`unknown lesson or command ${key} (the lessons: container-lab list; the commands: container-lab --help)`);
}
