import { focusIndex } from '../app/derive.js';
const lessonName = (lesson) => ({ id: lesson.id, title: lesson.title });
/** The message for a lesson's state, with the times the publisher kept. */
export function lessonNotes(state, times) {
    const focus = focusIndex(state);
    const step = focus >= 0 ? state.lesson.steps[focus] : null;
    const run = focus >= 0 ? state.steps[focus] : null;
    const next = state.lesson.steps[focus + 1];
    return {
        kind: 'lesson',
        lesson: lessonName(state.lesson),
        step: focus + 1,
        steps: state.lesson.steps.length,
        title: step ? step.title : state.lesson.title,
        notes: step ? step.notes : state.lesson.intro,
        next: next ? next.title : null,
        status: run ? run.status : null,
        checks: run ? run.checks.map(({ name, ok, detail }) => ({ name, ok, detail })) : [],
        error: state.error ?? (run?.status === 'failed' ? (run.error ?? null) : null),
        running: state.busy || run?.status === 'running',
        activity: state.activity,
        lessonStartedAt: times.lessonStartedAt,
        stepStartedAt: times.stepStartedAt,
    };
}
/** The message while no lesson is open. */
export function menuNotes(ended) {
    return { kind: 'menu', ended: ended ? lessonName(ended) : null };
}
