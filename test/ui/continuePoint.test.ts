// Where Continue goes: the lesson opened last at its steps reached, the next lesson once it is finished, nothing without progress.
import { describe, expect, it } from 'vitest';
import { continueLabel, continuePoint } from '../../src/app/continuePoint.js';
import { makeLesson, namespaceSteps } from './fakeSession.js';
import type { LessonReached } from '../../src/types.js';

const lessons = [
  makeLesson('cgroups', 3, 'cgroups: limits', namespaceSteps()),
  makeLesson('processes', 1, 'A container is just processes', namespaceSteps()),
  makeLesson('namespaces', 2, 'Namespaces', namespaceSteps()),
];
const total = namespaceSteps().length;
const at = (stepsReached: number, last: string): LessonReached => ({ stepsReached, last, tasksSolved: 0 });

describe('continuePoint', () => {
  it('none without progress', () => {
    expect(continuePoint(lessons, undefined)).toBeNull();
    expect(continuePoint(lessons, new Map())).toBeNull();
  });

  it('the lesson opened last, at the steps it reached, not the one with most steps', () => {
    const reached = new Map([['processes', at(total, '2026-12-06T10:00:00.000Z')], ['namespaces', at(2, '2026-12-07T10:00:00.000Z')], ['cgroups', at(3, '2026-12-05T10:00:00.000Z')]]);
    const point = continuePoint(lessons, reached);
    expect(point?.lesson.id).toBe('namespaces');
    expect(point?.step).toBe(2);
    expect(continueLabel(point!)).toBe('Continue: Namespaces, step 2');
  });

  it('a lesson opened but no step run: its start', () => {
    const point = continuePoint(lessons, new Map([['cgroups', at(0, '2026-12-07T10:00:00.000Z')]]));
    expect(point && continueLabel(point)).toBe('Continue: cgroups: limits, from the start');
  });

  it('finished: the next lesson by order, at its start; after the last lesson, none', () => {
    const point = continuePoint(lessons, new Map([['processes', at(total, '2026-12-07T10:00:00.000Z')], ['namespaces', at(2, '2026-12-01T10:00:00.000Z')]]));
    expect(point?.lesson.id).toBe('namespaces');
    expect(point?.step).toBe(0);
    expect(continuePoint(lessons, new Map([['cgroups', at(total, '2026-12-07T10:00:00.000Z')]]))).toBeNull();
  });

  it('progress of a lesson that is no longer there is passed over', () => {
    expect(continuePoint(lessons, new Map([['gone', at(1, '2026-12-07T10:00:00.000Z')]]))).toBeNull();
  });
});
