// What the notes viewer is told: the lesson on screen (step, notes, next title, last checks, times) as one JSON-able message.
import type { CheckResult, Lesson, SessionState, StepStatus, StepSkip } from '../types.js';
import { focusIndex } from '../app/derive.js';

/** The lesson the app shows, as the presenter's second terminal needs it. */
export interface LessonNotes {
  kind: 'lesson';
  lesson: { id: string; title: string };
  /** the step on screen, from 1; 0 before the first step (the intro) */
  step: number;
  steps: number;
  /** the step's title; the lesson's title before the first step */
  title: string;
  /** the step's speaker notes (markdown); the lesson's intro before the first step */
  notes: string;
  /** the title of the step after the one on screen, null after the last */
  next: string | null;
  /** the step on screen's status (null before the first step) */
  status: StepStatus | null;
  /** the checks of the step on screen: empty while it runs, and before the first step */
  checks: CheckResult[];
  /** why the step on screen failed, or a problem of the session */
  error: string | null;
  /** why this host skipped the step on screen, and what it would need */
  skipped?: StepSkip;
  /** a step runs, or the session works (rebuilding) */
  running: boolean;
  activity: string | null;
  /** ms since the epoch: the lesson opened; the step on screen came on screen */
  lessonStartedAt: number;
  stepStartedAt: number;
  /** a replay's banner ("REPLAY — recorded … nothing here runs"): the presenter sees what the room sees */
  replay?: string;
}

/** The app is on its menu (or opening a lesson); `ended` is the lesson that closed last, if one did. */
export interface MenuNotes {
  kind: 'menu';
  ended: { id: string; title: string } | null;
}

export type NotesMessage = LessonNotes | MenuNotes;

export interface NotesTimes {
  lessonStartedAt: number;
  stepStartedAt: number;
}

const lessonName = (lesson: Lesson) => ({ id: lesson.id, title: lesson.title });

/** The message for a lesson's state, with the times the publisher kept. */
export function lessonNotes(state: SessionState, times: NotesTimes): LessonNotes {
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
    checks: run ? run.checks.map(({ name, ok, detail, skipped }) => ({ name, ok, detail, ...(skipped ? { skipped } : {}) })) : [],
    ...(run?.skipped ? { skipped: run.skipped } : {}),
    error: state.error ?? (run?.status === 'failed' ? (run.error ?? null) : null),
    running: state.busy || run?.status === 'running',
    activity: state.activity,
    lessonStartedAt: times.lessonStartedAt,
    stepStartedAt: times.stepStartedAt,
  };
}

/** The message while no lesson is open. */
export function menuNotes(ended: Lesson | null): MenuNotes {
  return { kind: 'menu', ended: ended ? lessonName(ended) : null };
}
