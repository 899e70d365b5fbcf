import { progressLocation } from './location.js';
import { readProgress, removeProgress } from './store.js';
/** 2026-12-07T15:55:11Z → "2026-12-07 15:55" in local time */
function when(iso) {
    const d = new Date(iso);
    if (Number.isNaN(d.getTime()))
        return iso;
    const two = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}
/** The tasks a lesson's steps hold, in file order, by id and title. */
export function lessonTasks(lesson) {
    return lesson.steps.flatMap((step) => step.tasks.map(({ id, title }) => ({ id, title })));
}
/** One line per task of an opened lesson: the lesson's tasks, then any the file names that the lesson no longer has. */
function taskLines(lesson, p) {
    const named = lessonTasks(lesson);
    const known = new Set(named.map((t) => t.id));
    const gone = [...Object.keys(p.tasksSolved), ...Object.keys(p.hintsUsed)].filter((id, i, all) => !known.has(id) && all.indexOf(id) === i);
    return [...named, ...gone.map((id) => ({ id, title: '' }))].map(({ id, title }) => {
        const solved = p.tasksSolved[id];
        const hints = p.hintsUsed[id] ?? 0;
        const name = title ? `${title} (${id})` : id;
        const hintWords = hints > 0 ? `, ${hints} hint${hints === 1 ? '' : 's'}` : '';
        return `      ${solved ? '✓' : '·'} ${name}  ${solved ? `solved ${when(solved)}` : 'not solved'}${hintWords}`;
    });
}
/** One line per lesson, in the menu's order, with a line per task of the lessons opened; lessons never opened say so. */
export function progressLines(lessons, progress) {
    const width = Math.max(0, ...lessons.map((l) => l.title.length));
    return lessons.flatMap((lesson) => {
        const p = progress.lessons[lesson.id];
        const head = `${String(lesson.order).padStart(2)}  ${lesson.title.padEnd(width)}  `;
        if (!p)
            return [`${head}not started`];
        const tasks = lessonTasks(lesson);
        // of the lesson's tasks as it is now (a task it lost is listed below, not counted)
        const solved = tasks.length > 0 ? tasks.filter((t) => p.tasksSolved[t.id]).length : Object.keys(p.tasksSolved).length;
        const taskWords = tasks.length > 0 ? `, ${solved} of ${tasks.length} tasks solved` : solved > 0 ? `, ${solved} task${solved === 1 ? '' : 's'} solved` : '';
        return [`${head}${Math.min(p.stepsReached, lesson.steps.length)}/${lesson.steps.length} steps${taskWords}, last opened ${when(p.last)}`, ...taskLines(lesson, p)];
    });
}
/** The store as it is (steps, tasks solved with when, hints per task), with the lessons it can be read against. */
export function progressJson(file, lessons, progress) {
    const list = lessons.map((l) => ({ id: l.id, order: l.order, title: l.title, steps: l.steps.length, tasks: lessonTasks(l) }));
    return JSON.stringify({ file, progress, lessons: list }, null, 2);
}
/** Prints or clears this user's progress (`file`: where it is kept, this user's by default). */
export async function runProgress(lessons, o, io, file = progressLocation().file) {
    const { progress, message } = readProgress(file);
    if (message)
        io.err(message);
    if (o.reset) {
        if (!io.ask) {
            io.err('container-lab: progress --reset asks first; it needs a terminal');
            return 1;
        }
        const count = Object.keys(progress.lessons).length;
        const answer = await io.ask(`Clear your progress (${count} lesson${count === 1 ? '' : 's'})? [y/N] `);
        if (!/^y(es)?$/i.test(answer.trim())) {
            io.out('progress kept');
            return 0;
        }
        io.out(removeProgress(file) ? `progress cleared (${file} removed)` : 'there was no progress to clear');
        return 0;
    }
    if (o.json)
        io.out(progressJson(file, lessons, progress));
    else
        progressLines(lessons, progress).forEach((line) => io.out(line));
    return 0;
}
