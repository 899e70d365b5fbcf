/** Every task of the lesson, waiting for its step; none when tasks are hidden (--mode present, a replay). */
export function initialTasks(lesson, shown = true) {
    if (!shown)
        return [];
    return lesson.steps.flatMap((step, index) => (step.tasks ?? []).map((t) => ({ id: t.id, step: index, status: 'waiting', checks: [], hintsShown: 0, openedAt: null, solvedAt: null })));
}
function change(tasks, id, edit) {
    return tasks.map((t) => (t.id === id ? edit(t) : t));
}
/** The step at `index` has run: its waiting tasks open now. */
export function openAfterStep(tasks, index, at) {
    return tasks.map((t) => (t.step === index && t.status === 'waiting' ? { ...t, status: 'open', openedAt: at, checks: [] } : t));
}
/**
 * The steps from `cursor` on were undone: their open tasks wait again (the state they were about
 * is gone). A solved or skipped task stays so: the learner did it.
 */
export function rewindTasks(tasks, cursor) {
    return tasks.map((t) => (t.step >= cursor && t.status === 'open' ? { ...t, status: 'waiting', openedAt: null, checks: [] } : t));
}
/** A reading of an open task's checks: solved when every one holds. */
export function taskChecked(tasks, id, checks, at) {
    return change(tasks, id, (t) => {
        if (t.status !== 'open')
            return t;
        const solved = checks.length > 0 && checks.every((c) => c.ok);
        return solved ? { ...t, checks, status: 'solved', solvedAt: at } : { ...t, checks };
    });
}
/** The next hint of an open task (up to `available`). */
export function hintShown(tasks, id, available) {
    return change(tasks, id, (t) => (t.status === 'open' && t.hintsShown < available ? { ...t, hintsShown: t.hintsShown + 1 } : t));
}
export function taskSkipped(tasks, id) {
    return change(tasks, id, (t) => (t.status === 'open' ? { ...t, status: 'skipped' } : t));
}
/** The open tasks, in file order: the ones whose checks are read again and again. */
export function openTasks(tasks) {
    return tasks.filter((t) => t.status === 'open');
}
/** The tasks of the step whose slide is on screen (the step that ran last). */
export function tasksOfStep(tasks, step) {
    return tasks.filter((t) => t.step === step);
}
