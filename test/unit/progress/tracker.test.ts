// The tracker follows a session: the opening at once, then the highest cursor at most once per interval, the last change on leaving; never a replay.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeSession, makeLesson, namespaceSteps } from '../../ui/fakeSession.js';
import { ProgressTracker } from '../../../src/progress/tracker.js';
import { readProgress, recordSeen } from '../../../src/progress/store.js';
import type { LessonSeen } from '../../../src/progress/schema.js';
import type { TaskState } from '../../../src/types.js';

const lesson = makeLesson('namespaces', 1, 'Namespaces', namespaceSteps());
const NOW = new Date('2026-12-07T15:00:00.000Z');

function tracked(record: (id: string, seen: LessonSeen) => string | null = () => null) {
  const writes: Array<[string, number]> = [];
  const messages: string[] = [];
  const tracker = new ProgressTracker({
    record: (id, seen) => {
      writes.push([id, seen.stepsReached]);
      return record(id, seen);
    },
    onMessage: (line) => messages.push(line),
    intervalMs: 1000,
    now: () => NOW,
  });
  return { tracker, writes, messages };
}

function task(id: string, status: TaskState['status'], hintsShown: number, solvedAt: number | null): TaskState {
  return { id, step: 0, status, checks: [], hintsShown, openedAt: status === 'waiting' ? null : Date.parse('2026-12-07T14:59:00.000Z'), solvedAt };
}

/** the session's tasks as the task runtime sets them */
function withTasks(session: FakeSession, tasks: TaskState[]): void {
  session.set({ tasks });
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('ProgressTracker', () => {
  it('records the opening at once, then the highest cursor at most once a second', () => {
    const { tracker, writes } = tracked();
    const session = new FakeSession(lesson, namespaceSteps());
    tracker.follow(session);
    expect(writes).toEqual([['namespaces', 0]]);
    session.set({ cursor: 1 });
    session.set({ cursor: 2 });
    session.set({ cursor: 3 });
    vi.advanceTimersByTime(900);
    expect(writes).toHaveLength(1);
    vi.advanceTimersByTime(100);
    expect(writes).toEqual([['namespaces', 0], ['namespaces', 3]]);
    // going back is not progress: nothing more is written
    session.set({ cursor: 1 });
    vi.advanceTimersByTime(5000);
    expect(writes).toHaveLength(2);
    // a change after a quiet second is written 50 ms later: the frame that shows it goes first
    session.set({ cursor: 4 });
    vi.advanceTimersByTime(49);
    expect(writes).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(writes).toEqual([['namespaces', 0], ['namespaces', 3], ['namespaces', 4]]);
    tracker.close();
  });

  it('writes the last change on close, and nothing after', () => {
    const { tracker, writes } = tracked();
    const session = new FakeSession(lesson, namespaceSteps());
    tracker.follow(session);
    session.set({ cursor: 2 });
    expect(writes).toHaveLength(1);
    tracker.close();
    expect(writes).toEqual([['namespaces', 0], ['namespaces', 2]]);
    session.set({ cursor: 3 });
    vi.advanceTimersByTime(5000);
    expect(writes).toHaveLength(2);
  });

  it('leaving a lesson for another writes the first one\'s last change before following the next', () => {
    const { tracker, writes } = tracked();
    const first = new FakeSession(lesson, namespaceSteps());
    const other = new FakeSession(makeLesson('cgroups', 3, 'Cgroups', namespaceSteps()), namespaceSteps());
    tracker.follow(first);
    first.set({ cursor: 1 });
    tracker.follow(null);
    tracker.follow(other);
    expect(writes).toEqual([['namespaces', 0], ['namespaces', 1]]);
    vi.advanceTimersByTime(1000);
    expect(writes).toEqual([['namespaces', 0], ['namespaces', 1], ['cgroups', 0]]);
    tracker.close();
  });

  it('reached(): what the file held, then the highest step this app saw and when, as a new map after each change', () => {
    const writes: string[] = [];
    const EARLIER = '2026-12-06T09:00:00.000Z';
    const initial = { namespaces: { stepsReached: 3, last: EARLIER, tasksSolved: { 'hostname-mine': EARLIER } }, cgroups: { stepsReached: 1, last: EARLIER, tasksSolved: {} } };
    const tracker = new ProgressTracker({ initial, record: (id) => (writes.push(id), null), onMessage: () => {}, now: () => NOW });
    const before = tracker.reached();
    expect([...before]).toEqual([['namespaces', { stepsReached: 3, last: EARLIER, tasksSolved: 1 }], ['cgroups', { stepsReached: 1, last: EARLIER, tasksSolved: 0 }]]);
    const session = new FakeSession(lesson, namespaceSteps());
    tracker.follow(session);
    session.set({ cursor: 2 });
    tracker.close();
    // below what the file held: the steps stay, the time is now (it was opened)
    expect(tracker.reached().get('namespaces')).toEqual({ stepsReached: 3, last: NOW.toISOString(), tasksSolved: 1 });
    expect(before.get('namespaces')?.last).toBe(EARLIER);
    tracker.follow(session);
    session.set({ cursor: 5 });
    tracker.close();
    expect(tracker.reached().get('namespaces')).toEqual({ stepsReached: 5, last: NOW.toISOString(), tasksSolved: 1 });
    expect(tracker.reached().get('cgroups')).toEqual({ stepsReached: 1, last: EARLIER, tasksSolved: 0 });
  });

  it('records tasks solved (with when) and hints shown, written on change at most once a second', () => {
    const seen: LessonSeen[] = [];
    const tracker = new ProgressTracker({ record: (_id, s) => (seen.push(s), null), onMessage: () => {}, intervalMs: 1000, now: () => NOW });
    const session = new FakeSession(lesson, namespaceSteps());
    tracker.follow(session);
    expect(seen).toHaveLength(1);
    const SOLVED = Date.parse('2026-12-07T15:00:42.000Z');
    withTasks(session, [task('hostname-mine', 'open', 1, null), task('private-mount', 'waiting', 0, null)]);
    withTasks(session, [task('hostname-mine', 'open', 2, null), task('private-mount', 'waiting', 0, null)]);
    vi.advanceTimersByTime(999);
    expect(seen).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(seen.at(-1)).toMatchObject({ stepsReached: 0, tasksSolved: {}, hintsUsed: { 'hostname-mine': 2 } });
    // the same state again is no change: nothing written
    withTasks(session, [task('hostname-mine', 'open', 2, null), task('private-mount', 'waiting', 0, null)]);
    vi.advanceTimersByTime(5000);
    expect(seen).toHaveLength(2);
    withTasks(session, [task('hostname-mine', 'solved', 2, SOLVED), task('private-mount', 'skipped', 0, null)]);
    vi.advanceTimersByTime(50);
    expect(seen.at(-1)).toMatchObject({ tasksSolved: { 'hostname-mine': '2026-12-07T15:00:42.000Z' }, hintsUsed: { 'hostname-mine': 2 } });
    expect(tracker.reached().get('namespaces')?.tasksSolved).toBe(1);
    tracker.close();
  });

  it('a replay is not progress: nothing is written', () => {
    const { tracker, writes } = tracked();
    const replay = Object.assign(new FakeSession(lesson, namespaceSteps()), { replay: { banner: ['REPLAY'] } });
    tracker.follow(replay);
    replay.set({ cursor: 3 });
    tracker.close();
    vi.advanceTimersByTime(5000);
    expect(writes).toEqual([]);
  });

  it('a write that fails is said once, in one line, and the lesson goes on', () => {
    const { tracker, writes, messages } = tracked(() => {
      throw new Error('EROFS: read-only file system');
    });
    const session = new FakeSession(lesson, namespaceSteps());
    tracker.follow(session);
    session.set({ cursor: 1 });
    vi.advanceTimersByTime(1000);
    expect(writes).toHaveLength(2);
    expect(messages).toEqual(['container-lab: progress is not saved: EROFS: read-only file system']);
  });

  it('with the real store: the file holds the highest step reached', () => {
    const dir = mkdtempSync(join(tmpdir(), 'progress-tracker-test-'));
    try {
      const loc = { file: join(dir, 'progress.json'), owner: null };
      const { tracker } = tracked((id, seen) => recordSeen(loc, id, seen));
      const session = new FakeSession(lesson, namespaceSteps());
      tracker.follow(session);
      session.set({ cursor: 2 });
      session.set({ cursor: 1 });
      tracker.close();
      expect(readProgress(loc.file).progress.lessons.namespaces).toEqual({
        opened: NOW.toISOString(),
        last: NOW.toISOString(),
        stepsReached: 2,
        steps: lesson.steps.length,
        tasksSolved: {},
        hintsUsed: {},
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
