/**
 * The lesson opened last (by its `last` time) at its steps reached, when some are left; when it is
 * finished, the next lesson by order at its start; null when nothing was opened yet, the lesson is
 * no longer there, or the finished one was the last.
 */
export function continuePoint(lessons, reached) {
    if (!reached)
        return null;
    let latest = null;
    for (const lesson of lessons) {
        const r = reached.get(lesson.id);
        if (r && (latest === null || r.last > latest.r.last))
            latest = { lesson, r };
    }
    if (!latest)
        return null;
    const total = latest.lesson.steps.length;
    if (latest.r.stepsReached < total)
        return { lesson: latest.lesson, step: latest.r.stepsReached };
    const order = (l) => [l.order, l.title];
    const [o, t] = order(latest.lesson);
    const later = lessons.filter((l) => l.order > o || (l.order === o && l.title.localeCompare(t) > 0));
    later.sort((a, b) => a.order - b.order || a.title.localeCompare(b.title));
    return later.length > 0 ? { lesson: later[0], step: 0 } : null;
}
/** The menu's words for it: "Continue: Namespaces, step 3" (steps done), or "…, from the start". */
export function continueLabel(point) {
    return `Continue: ${point.lesson.title}, ${point.step === 0 ? 'from the start' : `step ${point.step}`}`;
}
