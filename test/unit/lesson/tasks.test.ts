// A task's life in the session state: waiting for its step, open, read again and again, solved only when every check holds; hints one at a time.
import { describe, expect, it } from 'vitest';
import { initialState, reduce } from '../../../src/lesson/reducer.js';
import type { Lesson, StepSpec, TaskSpec } from '../../../src/types.js';

const task = (id: string, hints = 2): TaskSpec => ({
  id,
  title: id,
  text: 'do it',
  use: ['host'],
  hints: Array.from({ length: hints }, (_, i) => `hint ${i + 1}`),
  checks: [{ kind: 'hostname-inside', params: { equals: 'mine' }, line: 1 }],
  line: 1,
});
const step = (title: string, tasks: TaskSpec[] = []): StepSpec => ({ title, slide: '', notes: '', action: { name: 'unshare', params: {} }, checks: [], tasks, line: 1 });
const lesson = { id: 'l', steps: [step('a', [task('one'), task('two', 0)]), step('b'), step('c', [task('three')])] } as unknown as Lesson;
const run = { status: 'done' as const, log: [], output: [], checks: [], ms: 1 };
const fail = { name: 'hostname-inside', ok: false, detail: 'hostname inside is lab, expected mine' };
const pass = { name: 'hostname-inside', ok: true, detail: 'hostname inside: mine' };

function afterStep0() {
  let s = initialState(lesson);
  s = reduce(s, { type: 'step-finished', index: 0, run, advance: true });
  return reduce(s, { type: 'tasks-opened', step: 0, at: 1000 });
}

describe('tasks in the session state', () => {
  it('wait for their step; hidden entirely when tasks are off (present mode, replays)', () => {
    expect(initialState(lesson).tasks.map((t) => [t.id, t.step, t.status])).toEqual([['one', 0, 'waiting'], ['two', 0, 'waiting'], ['three', 2, 'waiting']]);
    expect(initialState(lesson, false).tasks).toEqual([]);
  });

  it('open when their step has run, with the time; the others keep waiting', () => {
    const s = afterStep0();
    expect(s.tasks.map((t) => [t.id, t.status, t.openedAt])).toEqual([['one', 'open', 1000], ['two', 'open', 1000], ['three', 'waiting', null]]);
  });

  it('a reading with a failing check keeps it open and shows the reading; all passing solves it with the time', () => {
    let s = reduce(afterStep0(), { type: 'task-checked', id: 'one', checks: [fail], at: 1500 });
    expect(s.tasks[0]).toMatchObject({ status: 'open', checks: [fail], solvedAt: null });
    s = reduce(s, { type: 'task-checked', id: 'one', checks: [pass], at: 2000 });
    expect(s.tasks[0]).toMatchObject({ status: 'solved', checks: [pass], solvedAt: 2000 });
    // a later failing reading does not take it back: the learner did it
    s = reduce(s, { type: 'task-checked', id: 'one', checks: [fail], at: 2500 });
    expect(s.tasks[0]).toMatchObject({ status: 'solved', checks: [pass] });
  });

  it('the same reading again leaves the state as it was (the screen is not drawn twice a second); a new one does not', () => {
    const once = reduce(afterStep0(), { type: 'task-checked', id: 'one', checks: [fail], at: 1500 });
    expect(reduce(once, { type: 'task-checked', id: 'one', checks: [{ ...fail }], at: 2000 })).toBe(once);
    const other = { ...fail, detail: 'hostname inside is other, expected mine' };
    const changed = reduce(once, { type: 'task-checked', id: 'one', checks: [other], at: 2500 });
    expect(changed).not.toBe(once);
    expect(changed.tasks[0].checks).toEqual([other]);
    expect(reduce(once, { type: 'task-checked', id: 'three', checks: [pass], at: 3000 })).toBe(once); // not open
  });

  it('a reading of a task that is not open (waiting, skipped) changes nothing; an empty reading never solves', () => {
    const s0 = afterStep0();
    expect(reduce(s0, { type: 'task-checked', id: 'three', checks: [pass], at: 1 }).tasks[2].status).toBe('waiting');
    expect(reduce(s0, { type: 'task-checked', id: 'one', checks: [], at: 1 }).tasks[0].status).toBe('open');
    const skipped = reduce(s0, { type: 'task-skipped', id: 'one' });
    expect(skipped.tasks[0].status).toBe('skipped');
    expect(reduce(skipped, { type: 'task-checked', id: 'one', checks: [pass], at: 1 }).tasks[0].status).toBe('skipped');
  });

  it('a check not read on this host (skipped: no lab cgroup) never solves, even beside passing ones', () => {
    const notHere = { name: 'memory-limit-is 200m', ok: true, skipped: true, detail: 'no lab cgroup to read: not root' };
    const s = reduce(afterStep0(), { type: 'task-checked', id: 'one', checks: [pass, notHere], at: 1500 });
    expect(s.tasks[0]).toMatchObject({ status: 'open', checks: [pass, notHere], solvedAt: null });
  });

  it('hints come one at a time, never more than the task has', () => {
    let s = afterStep0();
    for (let i = 0; i < 4; i++) s = reduce(s, { type: 'task-hint', id: 'one' });
    expect(s.tasks[0].hintsShown).toBe(2);
    expect(reduce(s, { type: 'task-hint', id: 'two' }).tasks[1].hintsShown).toBe(0);
  });

  it('a step undone takes its open tasks back to waiting; solved ones stay solved', () => {
    let s = reduce(afterStep0(), { type: 'task-checked', id: 'one', checks: [pass], at: 2000 });
    s = reduce(s, { type: 'rewound', cursor: 0 });
    expect(s.tasks.map((t) => [t.id, t.status])).toEqual([['one', 'solved'], ['two', 'waiting'], ['three', 'waiting']]);
  });
});
