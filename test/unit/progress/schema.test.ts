// Merging what the app saw of a lesson into its record: first opening, the highest step, first solvings and most hints kept.
import { describe, expect, it } from 'vitest';
import { emptyProgress, mergeSeen, progressSchema } from '../../../src/progress/schema.js';

describe('mergeSeen', () => {
  it('a first sighting opens the record', () => {
    expect(mergeSeen(undefined, { at: '2026-12-07T10:00:00.000Z', stepsReached: 2, steps: 16 })).toEqual({
      opened: '2026-12-07T10:00:00.000Z',
      last: '2026-12-07T10:00:00.000Z',
      stepsReached: 2,
      steps: 16,
      tasksSolved: {},
      hintsUsed: {},
    });
  });

  it('keeps the first opening, the highest step, the tasks and hints; moves last on', () => {
    const old = { opened: 'A', last: 'B', stepsReached: 5, steps: 16, tasksSolved: { t1: 'C' }, hintsUsed: { t1: 2 } };
    expect(mergeSeen(old, { at: 'D', stepsReached: 3, steps: 17 })).toEqual({ ...old, last: 'D', steps: 17 });
    expect(mergeSeen(old, { at: 'D', stepsReached: 9, steps: 16 }).stepsReached).toBe(9);
  });

  it("adds tasks newly solved, keeps a task's first solving, and keeps each task's most hints", () => {
    const old = { opened: 'A', last: 'B', stepsReached: 5, steps: 16, tasksSolved: { t1: 'C' }, hintsUsed: { t1: 2, t2: 1 } };
    const merged = mergeSeen(old, { at: 'D', stepsReached: 5, steps: 16, tasksSolved: { t1: 'E', t2: 'F' }, hintsUsed: { t1: 1, t2: 3, t3: 1 } });
    expect(merged.tasksSolved).toEqual({ t1: 'C', t2: 'F' });
    expect(merged.hintsUsed).toEqual({ t1: 2, t2: 3, t3: 1 });
  });
});

describe('progressSchema', () => {
  it('takes format 1 and refuses another format or a bad record', () => {
    expect(progressSchema.parse(emptyProgress())).toEqual({ format: 1, lessons: {} });
    expect(progressSchema.safeParse({ format: 2, lessons: {} }).success).toBe(false);
    expect(progressSchema.safeParse({ format: 1, lessons: { x: { opened: 'A', last: 'B', stepsReached: -1, steps: 3, tasksSolved: {}, hintsUsed: {} } } }).success).toBe(false);
  });
});
