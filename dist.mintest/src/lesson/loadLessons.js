// Loads every lesson file in a directory; a bad file is reported as `file:line: message`, never thrown.
import { readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { packageLessonsDir } from '../sys/packageRoot.js';
import { frontMatterKeyLine } from './frontMatter.js';
import { PACKAGE_SOURCE, parseLesson } from './parseLesson.js';
import { fsReason, readLessonFile } from './readLessonFile.js';
import { inert } from '../format/inert.js';
import { inertError } from './inertLesson.js';
/**
 * `source` says where the directory came from; without it, the package's own lessons/ is
 * trusted and any other directory is untrusted ("from <dir>").
 */
export function loadLessons(dir, source = sourceOf(dir)) {
    let names;
    try {
        names = readdirSync(dir).filter((n) => n.endsWith('.md')).sort();
    }
    catch (err) {
        return { lessons: [], errors: [{ file: dir, line: 0, message: `cannot read the lesson directory (${fsReason(err)})` }] };
    }
    const lessons = [];
    const errors = [];
    const byId = new Map();
    for (const name of names) {
        const file = join(dir, name);
        const read = readLessonFile(file);
        if (!('text' in read)) {
            errors.push('skipped' in read ? { file, line: 0, message: read.skipped } : { file, ...read });
            continue;
        }
        const text = read.text;
        const result = parseLesson(file, text, source);
        if ('errors' in result) {
            errors.push(...result.errors);
            continue;
        }
        const first = byId.get(result.lesson.id);
        if (first !== undefined) {
            const message = `duplicate id "${result.lesson.id}" (already used by ${first}; ids must be unique)`;
            errors.push({ file, line: frontMatterKeyLine(text, 'id'), message });
            continue;
        }
        byId.set(result.lesson.id, file);
        lessons.push(result.lesson);
    }
    lessons.sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { lessons, errors: errors.map(inertError) };
}
function sourceOf(dir) {
    return resolve(dir) === resolve(packageLessonsDir()) ? PACKAGE_SOURCE : { trusted: false, from: dir };
}
/**
 * "file:line: message" (or "file: message" for line 0), the file relative to the cwd when that
 * is shorter. One argument only, so `errors.map(formatLoadError)` works.
 */
export function formatLoadError(e) {
    const cwd = process.cwd();
    const rel = relative(cwd, resolve(cwd, e.file));
    const file = rel !== '' && rel.length < e.file.length ? rel : e.file;
    return inert(e.line > 0 ? `${file}:${e.line}: ${e.message}` : `${file}: ${e.message}`);
}
