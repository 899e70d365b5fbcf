// The lesson's tasks as the learner meets them: pure changes to TaskState, driven by the reducer's events.
import type { CheckResult, Lesson, TaskState } from '../types.js';

/** Every task of the lesson, waiting for its step; none when tasks are hidden (--mode present, a replay). */
export function initialTasks(lesson: Lesson, shown = true): TaskState[] {
  if (!shown) return [];
  return lesson.steps.flatMap((step, index) =>
    (step.tasks ?? []).map((t) => ({ id: t.id, step: index, status: 'waiting' as const, checks: [], hintsShown: 0, openedAt: null, solvedAt: null })),
  );
}

/** The tasks with one edited: the same array when the edit changed nothing, so nothing redraws. */
function change(tasks: TaskState[], id: string, edit: (t: TaskState) => TaskState): TaskState[] {
  const next = tasks.map((t) => (t.id === id ? edit(t) : t));
  return next.every((t, i) => t === tasks[i]) ? tasks : next;
}

/** Two readings of a task's checks that say the same (read twice a second while the learner works). */
function sameReadings(a: readonly CheckResult[], b: readonly CheckResult[]): boolean {
  return a.length === b.length && a.every((c, i) => JSON.stringify(c) === JSON.stringify(b[i]));
}

/** The step at `index` has run: its waiting tasks open now. */
export function openAfterStep(tasks: TaskState[], index: number, at: number): TaskState[] {
  return tasks.map((t) => (t.step === index && t.status === 'waiting' ? { ...t, status: 'open', openedAt: at, checks: [] } : t));
}

/**
 * The steps from `cursor` on were undone: their open tasks wait again (the state they were about
 * is gone). A solved or skipped task stays so: the learner did it.
 */
export function rewindTasks(tasks: TaskState[], cursor: number): TaskState[] {
  return tasks.map((t) => (t.step >= cursor && t.status === 'open' ? { ...t, status: 'waiting', openedAt: null, checks: [] } : t));
}

/** A reading of an open task's checks: solved when every one holds (and was read). */
export function taskChecked(tasks: TaskState[], id: string, checks: CheckResult[], at: number): TaskState[] {
  return change(tasks, id, (t) => {
    if (t.status !== 'open') return t;
    // a check not read here (skipped) never solves a task: the task cannot be done on this host
    const solved = checks.length > 0 && checks.every((c) => c.ok && !c.skipped);
    if (solved) return { ...t, checks, status: 'solved', solvedAt: at };
    return sameReadings(t.checks, checks) ? t : { ...t, checks };
  });
}

/** The next hint of an open task (up to `available`). */
export function hintShown(tasks: TaskState[], id: string, available: number): TaskState[] {
  return change(tasks, id, (t) => (t.status === 'open' && t.hintsShown < available ? { ...t, hintsShown: t.hintsShown + 1 } : t));
}

export function taskSkipped(tasks: TaskState[], id: string): TaskState[] {
  return change(tasks, id, (t) => (t.status === 'open' ? { ...t, status: 'skipped' } : t));
}

/** The open tasks, in file order: the ones whose checks are read again and again. */
export function openTasks(tasks: readonly TaskState[]): TaskState[] {
  return tasks.filter((t) => t.status === 'open');
}

/** The tasks of the step whose slide is on screen (the step that ran last). */
export function tasksOfStep(tasks: readonly TaskState[], step: number): TaskState[] {
  return tasks.filter((t) => t.step === step);
}
