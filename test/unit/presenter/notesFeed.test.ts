// The notes feed: a lesson's state (as the fake session plays it) → the message the notes viewer draws.
import { describe, expect, it } from 'vitest';
import { FakeSession, makeLesson, namespaceSteps } from '../../ui/fakeSession.js';
import { lessonNotes, menuNotes } from '../../../src/presenter/notesFeed.js';
import type { Lesson } from '../../../src/types.js';

const times = { lessonStartedAt: 1_000, stepStartedAt: 2_000 };

function lessonWithNotes(failMount = false): Lesson {
  const lesson = makeLesson('namespaces', 2, 'Namespaces', namespaceSteps(failMount));
  lesson.steps = lesson.steps.map((s, i) => ({ ...s, notes: `Notes of step ${i + 1}: point at the **panel**.` }));
  return lesson;
}

describe('lessonNotes', () => {
  it('before the first step: the intro, the first step next, no checks', () => {
    const session = new FakeSession(lessonWithNotes(), namespaceSteps());
    const m = lessonNotes(session.getState(), times);
    expect(m).toEqual({
      kind: 'lesson',
      lesson: { id: 'namespaces', title: 'Namespaces' },
      step: 0,
      steps: 3,
      title: 'Namespaces',
      notes: session.lesson.intro,
      next: 'New namespaces',
      status: null,
      checks: [],
      error: null,
      running: false,
      activity: null,
      lessonStartedAt: 1_000,
      stepStartedAt: 2_000,
    });
  });

  it('after a step: its title, notes and checks, the next title; running while it runs', async () => {
    const session = new FakeSession(lessonWithNotes(), namespaceSteps());
    session.hold = true;
    const running = session.next();
    const during = lessonNotes(session.getState(), times);
    expect(during).toMatchObject({ step: 1, title: 'New namespaces', notes: 'Notes of step 1: point at the **panel**.', status: 'running', running: true, checks: [] });
    session.release();
    await running;
    const after = lessonNotes(session.getState(), times);
    expect(after).toMatchObject({ step: 1, status: 'done', running: false, next: 'Its own hostname', error: null });
    expect(after.checks).toEqual([
      { name: 'uts namespace differs from the host', ok: true, detail: 'host 4026531838, container 4026532450' },
      { name: 'container init is PID 1 inside', ok: true, detail: 'NSpid: 48213 1' },
    ]);
  });

  it('the last step has no next; a failed one carries its reason and its failed check', async () => {
    const session = new FakeSession(lessonWithNotes(true), namespaceSteps(true));
    for (let i = 0; i < 3; i++) await session.next();
    const m = lessonNotes(session.getState(), times);
    expect(m).toMatchObject({ step: 3, steps: 3, title: 'A private tmpfs', next: null, status: 'failed' });
    expect(m.error).toBe('mount of tmpfs failed: EPERM (Operation not permitted)');
    expect(m.checks).toEqual([{ name: 'tmpfs invisible on the host', ok: false, detail: 'no tmpfs at /run/container-lab/s-1a2b/scratch in the container' }]);
  });

  it('back (←) shows the step before again; the rebuild is "running" with its activity', async () => {
    const session = new FakeSession(lessonWithNotes(), namespaceSteps());
    await session.next();
    await session.next();
    session.set({ busy: true, activity: 'rebuilding from the start' });
    expect(lessonNotes(session.getState(), times)).toMatchObject({ step: 2, running: true, activity: 'rebuilding from the start' });
    session.set({ busy: false, activity: null });
    await session.back();
    expect(lessonNotes(session.getState(), times)).toMatchObject({ step: 1, title: 'New namespaces', next: 'Its own hostname', running: false });
  });

  it('a session problem (the helper died) is the error shown', () => {
    const session = new FakeSession(lessonWithNotes(), namespaceSteps());
    session.set({ error: 'the helper process has exited: press q and start container-lab again' });
    expect(lessonNotes(session.getState(), times).error).toBe('the helper process has exited: press q and start container-lab again');
  });

  it('is plain data: JSON round-trips it', async () => {
    const session = new FakeSession(lessonWithNotes(), namespaceSteps());
    await session.next();
    const m = lessonNotes(session.getState(), times);
    expect(JSON.parse(JSON.stringify(m))).toEqual(m);
  });
});

describe('menuNotes', () => {
  it('names the lesson that ended, or none', () => {
    expect(menuNotes(null)).toEqual({ kind: 'menu', ended: null });
    expect(menuNotes(lessonWithNotes())).toEqual({ kind: 'menu', ended: { id: 'namespaces', title: 'Namespaces' } });
  });
});
