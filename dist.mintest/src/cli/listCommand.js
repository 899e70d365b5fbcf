import { privilegeLabel, whyUnavailable } from '../lesson/availability.js';
import { sourceMark } from '../lesson/consent.js';
import { inert } from '../format/inert.js';
export function lessonRows(lessons, c) {
    return lessons.map((lesson, i) => ({ number: i + 1, lesson, reason: whyUnavailable(lesson, c) }));
}
/**
 * One line per lesson: number, id, title, what it needs; a lesson that cannot run here ends in
 * "✗ a", and under the table each reason (with its fix) is printed once, under its letter.
 */
export function listLines(rows, style) {
    const reasons = [...new Set(rows.map((r) => r.reason).filter((r) => r !== null))];
    const letter = (reason) => String.fromCharCode(97 + reasons.indexOf(reason));
    const lines = rows.map(({ number, lesson: l, reason }) => {
        const needs = [privilegeLabel(l), ...(l.requires.length ? [l.requires.join(' ')] : []), ...(l.source.trusted ? [] : [sourceMark(l)])].join(' · ');
        const mark = reason === null ? '' : `  ${style.bad(`✗ ${letter(reason)}`)}`;
        const row = `${String(number).padStart(2)}  ${inert(l.id).padEnd(18)} ${inert(l.title).padEnd(34)} ${style.dim(needs)}${mark}`;
        // a lesson that cannot run here says why in its reason below; one that can says why it needs root under its row
        return l.privilege === 'root' && l.rootless && reason === null ? [row, style.dim(`    root because: ${inert(l.rootless)}`)] : [row];
    }).flat();
    if (reasons.length > 0)
        lines.push('', 'Cannot run here:', ...reasons.map((r) => `${style.bad(`✗ ${letter(r)}`)}  ${inert(r)}`));
    return lines;
}
/** list --json: one document, the same facts as the lines. */
export function listJson(rows, errors, mode) {
    return JSON.stringify({
        mode,
        lessons: rows.map(({ number, lesson: l, reason }) => ({
            number, id: l.id, title: l.title, summary: l.summary, privilege: l.privilege, rootlessWhere: l.rootlessWhere ?? null, rootBecause: l.rootless ?? null, requires: l.requires,
            source: l.source, file: l.file, available: reason === null, reason,
        })),
        errors,
    }, null, 2);
}
