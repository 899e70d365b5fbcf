// UI tests for the lesson menu: lessons in order, load errors, privilege note, unavailable lessons.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { App } from '../../src/app/App.js';
import { createFakeBackend } from './fakeSession.js';
import { ProgressTracker } from '../../src/progress/tracker.js';
import { frame, KEY, press, renderAt, wait } from './harness.js';
import type { LessonReached } from '../../src/types.js';

afterEach(() => cleanup());

function reached(stepsReached: number, last: string, tasksSolved = 0): LessonReached {
  return { stepsReached, last, tasksSolved };
}

const loadErrors = [
  { file: 'lessons/07-broken.md', line: 12, message: 'unknown action "mount-overlay"' },
  { file: 'lessons/08-worse.md', line: 3, message: 'front matter: "order" must be a number' },
];

describe('menu', () => {
  it('lists lessons with order number and summary, the privilege note and the load errors', async () => {
    const backend = createFakeBackend({
      loadErrors,
      privilegeNote: 'running rootless: lessons marked root are unavailable',
    });
    const r = await renderAt(<App backend={backend} onExit={() => {}} />, 120, 30);
    const f = frame(r);
    expect(f).toContain('running rootless: lessons marked root are unavailable');
    expect(f).toContain('1. A container is just processes');
    expect(f).toContain('summary of A container is just processes');
    expect(f).toContain('2. Namespaces');
    expect(f).toContain('3. cgroups: limits');
    expect(f).toContain('lessons/07-broken.md:12: unknown action "mount-overlay"');
    expect(f).toContain('lessons/08-worse.md:3: front matter: "order" must be a number');
    // in order: the privilege note on top, then the lessons, then the errors
    expect(f.indexOf('running rootless')).toBeLessThan(f.indexOf('1. A container'));
    expect(f.indexOf('3. cgroups')).toBeLessThan(f.indexOf('lessons/07-broken.md'));
  });

  it('sorts by order, not by the order the backend lists them', async () => {
    const backend = createFakeBackend();
    backend.lessons.reverse();
    const r = await renderAt(<App backend={backend} onExit={() => {}} />, 100, 24);
    const f = frame(r);
    expect(f.indexOf('1. A container')).toBeLessThan(f.indexOf('2. Namespaces'));
    expect(f.indexOf('2. Namespaces')).toBeLessThan(f.indexOf('3. cgroups'));
  });

  it('shows why a lesson is unavailable, and selecting it shows the reason instead of opening it', async () => {
    const backend = createFakeBackend({ unavailable: { cgroups: 'needs root: cgroup v1 is not delegated here' } });
    const r = await renderAt(<App backend={backend} onExit={() => {}} />, 120, 30);
    expect(frame(r)).toContain('3. cgroups: limits  (unavailable: needs root: cgroup v1 is not delegated here)');
    await press(r, KEY.down);
    await press(r, KEY.down);
    await press(r, KEY.enter);
    const f = frame(r);
    expect(f).toContain(`"cgroups: limits" can't run here: needs root: cgroup v1 is not delegated here`);
    expect(backend.opened).toEqual([]);
    // still on the menu
    expect(f).toContain('1. A container is just processes');
  });

  it('shows an error when a lesson fails to open and stays on the menu', async () => {
    const backend = createFakeBackend({ openError: new Error('helper exited: sudo: a password is required') });
    const r = await renderAt(<App backend={backend} onExit={() => {}} />, 100, 24);
    await press(r, KEY.enter, 50);
    const f = frame(r);
    expect(f).toContain('Could not open "A container is just processes": helper exited: sudo: a password is required');
    expect(f).toContain('2. Namespaces');
  });

  it('q on the menu quits', async () => {
    const onExit = vi.fn();
    const r = await renderAt(<App backend={createFakeBackend()} onExit={onExit} />, 100, 24);
    await press(r, 'q');
    expect(onExit).toHaveBeenCalledTimes(1);
  });

  it('opens the lesson named by initialLessonId straight away', async () => {
    const backend = createFakeBackend();
    const r = await renderAt(<App backend={backend} initialLessonId="namespaces" onExit={() => {}} />, 100, 30);
    await wait(30);
    expect(backend.opened).toEqual(['namespaces']);
    expect(frame(r)).toContain('2. Namespaces  0/3 steps done');
  });

  it('says so when initialLessonId names no lesson', async () => {
    const r = await renderAt(<App backend={createFakeBackend()} initialLessonId="nope" onExit={() => {}} />, 100, 24);
    expect(frame(r)).toContain('There is no lesson "nope".');
  });

  it('? opens help over the menu and Esc closes it', async () => {
    const r = await renderAt(<App backend={createFakeBackend()} onExit={() => {}} />, 100, 30);
    await press(r, '?');
    expect(frame(r)).toContain('container-lab help');
    expect(frame(r)).not.toContain('1. A container is just processes');
    await press(r, KEY.esc, 60);
    expect(frame(r)).not.toContain('container-lab help');
    expect(frame(r)).toContain('1. A container is just processes');
  });
});

describe('menu progress', () => {
  it('shows the steps reached beside each lesson opened before, none beside the others, and a notice first', async () => {
    const backend = createFakeBackend();
    const total = backend.lessons[1].steps.length;
    const progress = new Map([['namespaces', reached(2, '2026-12-07T10:00:00.000Z', 1)], ['cgroups', reached(99, '2026-12-06T10:00:00.000Z')]]);
    const r = await renderAt(
      <App backend={backend} onExit={() => {}} progress={() => progress} initialMessage={{ level: 'warn', text: 'the progress file could not be read' }} />,
      120,
      30,
    );
    const f = frame(r);
    expect(f).toMatch(new RegExp(`2\\. Namespaces  2/${total} steps, 1 task solved`));
    // never more than the lesson has (a lesson file that lost steps since)
    expect(f).toMatch(new RegExp(`3\\. cgroups: limits  ${total}/${total} steps`));
    expect(f).not.toMatch(/1\. A container is just processes\s+\d+\/\d+ steps/);
    expect(f).toContain('the progress file could not be read');
  });

  it('back on the menu after a lesson, it shows the steps just reached (the tracker, as the live app wires it)', async () => {
    const backend = createFakeBackend();
    const written: number[] = [];
    const tracker = new ProgressTracker({ record: (_id, seen) => (written.push(seen.stepsReached), null), onMessage: () => {} });
    const r = await renderAt(<App backend={backend} onExit={() => {}} onLessonChange={(s) => tracker.follow(s)} progress={() => tracker.reached()} />, 120, 30);
    expect(frame(r)).not.toMatch(/\d+\/\d+ steps/);
    await press(r, KEY.enter, 60);
    await press(r, KEY.right, 60);
    await press(r, KEY.right, 60);
    await wait(60);
    await press(r, KEY.esc, 60);
    const total = backend.lessons[0].steps.length;
    expect(frame(r)).toMatch(new RegExp(`1\\. A container is just processes  2/${total} steps`));
    expect(written.at(-1)).toBe(2);
    tracker.close();
  });
});

describe('menu: continue where the learner left off', () => {
  const LATER = '2026-12-07T10:00:00.000Z';
  const EARLIER = '2026-12-06T10:00:00.000Z';

  it('the first entry continues the lesson opened last: Enter opens it and runs its first steps for real (a jump)', async () => {
    const backend = createFakeBackend();
    const progress = new Map([['namespaces', reached(2, LATER)], ['processes', reached(1, EARLIER)]]);
    const r = await renderAt(<App backend={backend} onExit={() => {}} progress={() => progress} />, 120, 30);
    const lines = frame(r).split('\n');
    const first = lines.findIndex((l) => l.includes('Continue: Namespaces, step 2'));
    expect(first).toBeGreaterThan(-1);
    expect(lines.findIndex((l) => l.includes('1. A container is just processes'))).toBe(first + 1);
    expect(frame(r)).toContain('Enter opens it and runs steps 1–2 again, for real');
    await press(r, KEY.enter, 100);
    expect(backend.opened).toEqual(['namespaces']);
    const session = backend.sessions[0];
    expect(session.calls).toEqual(['jump']);
    await wait(100);
    expect(session.getState().cursor).toBe(2);
    expect(frame(r)).toMatch(/2\/\d+ steps done/);
  });

  it('a finished lesson continues at the next lesson, from its start (no steps run)', async () => {
    const backend = createFakeBackend();
    const total = backend.lessons[0].steps.length;
    const r = await renderAt(<App backend={backend} onExit={() => {}} progress={() => new Map([['processes', reached(total, LATER)]])} />, 120, 30);
    expect(frame(r)).toContain('Continue: Namespaces, from the start');
    await press(r, KEY.enter, 100);
    expect(backend.opened).toEqual(['namespaces']);
    expect(backend.sessions[0].calls).toEqual([]);
  });

  it('not offered without progress, nor when the lesson cannot run here', async () => {
    const none = await renderAt(<App backend={createFakeBackend()} onExit={() => {}} progress={() => new Map()} />, 120, 30);
    expect(frame(none)).not.toContain('Continue');
    cleanup();
    const backend = createFakeBackend({ unavailable: { namespaces: 'needs root' } });
    const r = await renderAt(<App backend={backend} onExit={() => {}} progress={() => new Map([['namespaces', reached(2, LATER)]])} />, 120, 30);
    expect(frame(r)).toMatch(/2\. Namespaces  2\/\d+ steps/);
    expect(frame(r)).not.toContain('Continue');
  });

  it('the down arrow leaves it for the lessons, which open at their start', async () => {
    const backend = createFakeBackend();
    const r = await renderAt(<App backend={backend} onExit={() => {}} progress={() => new Map([['namespaces', reached(2, LATER)]])} />, 120, 30);
    await press(r, KEY.down, 60);
    await press(r, KEY.enter, 100);
    expect(backend.opened).toEqual(['processes']);
    expect(backend.sessions[0].calls).toEqual([]);
  });
});
