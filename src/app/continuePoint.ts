// Where "Continue" takes the learner: the lesson last opened at the steps it reached, or the next lesson once that one is finished. Pure: the menu draws from it.
import type { Lesson, LessonReached } from '../types.js';

export interface ContinuePoint {
  lesson: Lesson;
  /** steps to run on opening (0: the lesson's start) */
  step: number;
}

/**
 * The lesson opened last (by its `last` time) at its steps reached, when some are left; when it is
 * finished, the next lesson by order at its start; null when nothing was opened yet, the lesson is
 * no longer there, or the finished one was the last.
 */
export function continuePoint(lessons: readonly Lesson[], reached: ReadonlyMap<string, LessonReached> | undefined): ContinuePoint | null {
  if (!reached) return null;
  let latest: { lesson: Lesson; r: LessonReached } | null = null;
  for (const lesson of lessons) {
    const r = reached.get(lesson.id);
    if (r && (latest === null || r.last > latest.r.last)) latest = { lesson, r };
  }
  if (!latest) return null;
  const total = latest.lesson.steps.length;
  if (latest.r.stepsReached < total) return { lesson: latest.lesson, step: latest.r.stepsReached };
  const order = (l: Lesson) => [l.order, l.title] as const;
  const [o, t] = order(latest.lesson);
  const later = lessons.filter((l) => l.order > o || (l.order === o && l.title.localeCompare(t) > 0));
  later.sort((a, b) => a.order - b.order || a.title.localeCompare(b.title));
  return later.length > 0 ? { lesson: later[0], step: 0 } : null;
}

/** The menu's words for it: "Continue: Namespaces, step 3" (steps done), or "…, from the start". */
export function continueLabel(point: ContinuePoint): string {
  return `Continue: ${point.lesson.title}, ${point.step === 0 ? 'from the start' : `step ${point.step}`}`;
}
