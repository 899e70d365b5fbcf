// What `container-lab notes` shows, as lines for a width: the header with the clocks, the notes, the next step, the checks.
import chalk from 'chalk';
import { renderMarkdown } from '../app/markdown.js';
import { wrapPlain } from '../app/textWrap.js';
import { elapsed } from '../format/units.js';
/** The local wall clock, `HH:MM:SS`. */
export function wallClock(now) {
    const d = new Date(now);
    return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}
const chars = (s) => [...s].length;
function cut(text, width) {
    const c = [...text];
    return c.length <= width ? text : c.slice(0, Math.max(0, width - 1)).join('') + '…';
}
/** The header: lesson and step on the left, the clocks on the right (below, when both do not fit). */
function header(m, now, width) {
    const where = m.step === 0 ? `${m.lesson.title} · intro, ${m.steps} steps` : `${m.lesson.title} · step ${m.step}/${m.steps} · ${m.title}`;
    const clocks = `lesson ${elapsed(now - m.lessonStartedAt)} · step ${elapsed(now - m.stepStartedAt)} · ${wallClock(now)}`;
    if (chars(where) + 2 + chars(clocks) <= width) {
        return [chalk.bold(where) + ' '.repeat(width - chars(where) - chars(clocks)) + chalk.dim(clocks)];
    }
    return [chalk.bold(cut(where, width)), chalk.dim(cut(clocks, width))];
}
function wrapped(text, width, indent = '') {
    return wrapPlain(text, width, indent);
}
/** The state of the step on screen: running, failed, or nothing to say. */
function stepState(m, width) {
    const out = [];
    if (m.running)
        out.push(...wrapped(`⋯ ${m.activity ?? 'the step runs'}`, width, '  ').map((l) => chalk.yellow(l)));
    if (m.error)
        out.push(...wrapped(`✗ ${m.error}`, width, '  ').map((l) => chalk.red(l)));
    return out;
}
function checkLines(m, width) {
    if (m.step === 0)
        return [];
    if (m.checks.length === 0)
        return m.running ? [] : [chalk.dim(`step ${m.step} has no check results`)];
    const out = [chalk.bold(`checks of step ${m.step}`)];
    for (const c of m.checks) {
        const mark = c.ok ? chalk.green('✓') : chalk.red('✗');
        const [first, ...rest] = wrapped(`${c.name}${c.detail ? ` — ${c.detail}` : ''}`, width - 2, '  ');
        out.push(`${mark} ${first}`, ...rest.map((l) => `  ${l}`));
    }
    return out;
}
/**
 * The lesson's screen, fitted to `rows` when given: the header and the step's state on top,
 * "next" and the checks at the bottom, the notes between (cut with a count of what is left).
 */
function lessonLines(m, now, width, rows) {
    const top = [...(m.replay ? [chalk.bold.inverse.yellow(cut(m.replay, width))] : []), ...header(m, now, width), chalk.dim('─'.repeat(width)), ...stepState(m, width)];
    const next = wrapped(m.next === null ? 'next: — this is the last step' : `next: ${m.next}`, width, '      ');
    const bottom = ['', chalk.cyan(next[0]), ...next.slice(1).map((l) => chalk.cyan(l))];
    const checks = checkLines(m, width);
    if (checks.length > 0)
        bottom.push('', ...checks);
    const notes = m.notes.trim() === '' ? [chalk.dim(m.step === 0 ? '(the lesson has no intro)' : '(no notes for this step)')] : renderMarkdown(m.notes, width).split('\n');
    if (rows === null || top.length + notes.length + bottom.length <= rows)
        return [...top, ...notes, ...bottom];
    const room = rows - top.length - bottom.length - 1;
    if (room < 1)
        return [...top, ...notes, ...bottom].slice(0, rows);
    return [...top, ...notes.slice(0, room), chalk.dim(`… ${notes.length - room} more lines of notes (a taller terminal shows them)`), ...bottom];
}
function said(text, width) {
    return wrapped(text, width);
}
/** Every line the viewer shows for `state`. */
export function notesLines(state, { now, width, rows = null, keys = false }) {
    const w = Math.max(20, Math.floor(width));
    const waiting = (root) => `waiting for container-lab to open a lesson in this user's session (looking in ${root}${keys ? '; q quits' : ''})`;
    switch (state.kind) {
        case 'waiting':
            return said(waiting(state.root), w);
        case 'root-only':
            return said(`container-lab runs as root here (PID ${state.pid}), and its notes are root's: run sudo container-lab notes`, w);
        case 'exited':
            return [
                ...said(`container-lab exited${state.ended ? ` (the lesson "${state.ended}" ended)` : ''}.`, w),
                '',
                ...said(waiting(state.root), w),
            ];
        case 'attached': {
            const m = state.message;
            if (m.kind === 'lesson')
                return lessonLines(m, now, w, rows);
            const where = `container-lab has no lesson open (it shows its menu, or opens a lesson): the notes follow the next lesson it opens (${wallClock(now)})`;
            return m.ended ? [...said(`the lesson "${m.ended.title}" ended.`, w), '', ...said(where, w)] : said(where, w);
        }
    }
}
