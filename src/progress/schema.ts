// The progress file's shape (format 1), and merging one lesson's record into it: pure, no fs.
import * as z from 'zod';

const iso = z.string().min(1);

export const lessonProgressSchema = z.object({
  /** when the lesson was first opened */
  opened: iso,
  /** when it was last opened (or last moved on) */
  last: iso,
  /** the highest cursor reached: steps done */
  stepsReached: z.number().int().min(0),
  /** how many steps the lesson had then */
  steps: z.number().int().min(0),
  tasksSolved: z.record(z.string(), iso),
  hintsUsed: z.record(z.string(), z.number().int().min(0)),
});

export const progressSchema = z.object({
  format: z.literal(1),
  lessons: z.record(z.string(), lessonProgressSchema),
});

export type LessonProgress = z.infer<typeof lessonProgressSchema>;
export type Progress = z.infer<typeof progressSchema>;

export function emptyProgress(): Progress {
  return { format: 1, lessons: {} };
}

/** What the app saw of a lesson just now: merged into what the file holds. */
export interface LessonSeen {
  at: string;
  stepsReached: number;
  steps: number;
  /** tasks solved in this session: task id → when (ISO 8601) */
  tasksSolved?: Readonly<Record<string, string>>;
  /** hints shown in this session: task id → how many */
  hintsUsed?: Readonly<Record<string, number>>;
}

/**
 * The lesson's record after `seen`: the first opening kept, the highest cursor kept, a task's first
 * solving kept, each task's most hints kept (a session shows them from the first again).
 */
export function mergeSeen(old: LessonProgress | undefined, seen: LessonSeen): LessonProgress {
  const hintsUsed = { ...(old?.hintsUsed ?? {}) };
  for (const [id, count] of Object.entries(seen.hintsUsed ?? {})) hintsUsed[id] = Math.max(hintsUsed[id] ?? 0, count);
  return {
    opened: old?.opened ?? seen.at,
    last: seen.at,
    stepsReached: Math.max(old?.stepsReached ?? 0, seen.stepsReached),
    steps: seen.steps,
    tasksSolved: { ...(seen.tasksSolved ?? {}), ...(old?.tasksSolved ?? {}) },
    hintsUsed,
  };
}
