// A parsed lesson's text made inert for the terminal once, where it is parsed: titles, slides, notes, host effects, errors.
import { inert } from '../format/inert.js';
/**
 * Every text field of the lesson, as shown: control characters and escape sequences written
 * escaped. The action's and checks' parameters are what the step does, not text: they stay as
 * written and are made inert where they are shown (describeAction).
 */
export function inertLesson(lesson) {
    const step = (s) => ({ ...s, title: inert(s.title), slide: inert(s.slide), notes: inert(s.notes) });
    return {
        ...lesson,
        id: inert(lesson.id),
        title: inert(lesson.title),
        summary: inert(lesson.summary),
        ...(lesson.rootless === undefined ? {} : { rootless: inert(lesson.rootless) }),
        intro: inert(lesson.intro),
        file: inert(lesson.file),
        steps: lesson.steps.map(step),
        hostEffects: lesson.hostEffects.map((e) => ({ step: inert(e.step), effects: e.effects.map(inert) })),
    };
}
/** A load error as shown: the file name and the message (which may quote the file) inert. */
export function inertError(e) {
    return { ...e, file: inert(e.file), message: inert(e.message) };
}
