// Tasks on the lesson screen: the statement, where to work, each check live, hints with h, skip with n, and the three modes.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { App } from '../../src/app/App.js';
import { STUDY_WAITS } from '../../src/app/LessonScreen.js';
import type { TaskMode } from '../../src/app/taskLines.js';
import { visibleLength } from '../../src/app/textWrap.js';
import type { TaskSpec } from '../../src/types.js';
import { createFakeBackend, makeLesson, namespaceSteps, type FakeSession, type FakeStep } from './fakeSession.js';
import { frame, KEY, lines, press, renderAt, wait } from './harness.js';

afterEach(() => cleanup());

const MINE: TaskSpec = {
  id: 'hostname-mine',
  title: 'A name of your own',
  text: 'Give the container the hostname `mine` without changing the host\'s.',
  use: ['shell', 'host'],
  hints: ['The shell `s` opens runs in the container\'s UTS namespace.', 'Type `hostname mine` there.'],
  checks: [
    { kind: 'hostname-inside', params: { equals: 'mine' }, line: 12 },
    { kind: 'host-hostname-unchanged', params: {}, line: 13 },
  ],
  line: 8,
};

/** The namespace steps, the first with the hostname task after it. */
function steps(): FakeStep[] {
  const s = namespaceSteps();
  s[0] = { ...s[0], tasks: [MINE] };
  return s;
}

async function lesson(mode: TaskMode | undefined, columns = 120, rows = 40) {
  const script = steps();
  const backend = createFakeBackend({ lessons: [makeLesson('namespaces', 2, 'Namespaces', script)], scripts: { namespaces: script } });
  const r = await renderAt(<App backend={backend} onExit={vi.fn()} taskMode={mode} />, columns, rows);
  await press(r, KEY.enter, 50);
  return { r, session: backend.sessions[0] as FakeSession };
}

const NOT_YET = { name: 'hostname-inside', ok: false, detail: 'hostname inside is container-lab, expected mine' };
const HOST_SAME = { name: 'host-hostname-unchanged', ok: true, detail: 'host hostname still build-1' };
const DONE = { name: 'hostname-inside', ok: true, detail: 'hostname inside: mine' };

describe('a task after its step (workshop mode, the default)', () => {
  it('shows the statement, where to work and each check as the lab reads it; h shows the hints one at a time; solved says what the kernel showed', async () => {
    const { r, session } = await lesson(undefined);
    expect(frame(r)).not.toContain('A name of your own');
    await press(r, KEY.right, 50);
    expect(frame(r)).toContain('▶ Task 1/1 · A name of your own');
    expect(frame(r)).toContain('Give the container the hostname mine');
    expect(frame(r)).toContain('work in: s: a shell in the container ·');
    expect(frame(r)).toContain('the host (as root)');
    expect(frame(r)).toContain('… reading the checks');
    expect(frame(r)).toContain('h a hint (2 left) · n skips it · → goes on');

    session.readTask('hostname-mine', [NOT_YET, HOST_SAME]);
    await wait();
    expect(frame(r)).toContain('✗ hostname-inside: hostname inside is');
    expect(frame(r)).toContain('✓ host-hostname-unchanged: host hostname still');

    await press(r, 'h');
    expect(session.calls).toContain('hint hostname-mine');
    expect(frame(r)).toContain('hint 1/2: The shell s opens');
    expect(frame(r)).not.toContain('hint 2/2');
    expect(frame(r)).toContain('h the next hint (1 left)');
    await press(r, 'h');
    expect(frame(r)).toContain('hint 2/2: Type hostname mine there.');
    await press(r, 'h'); // none left: nothing more
    expect(session.getState().tasks[0].hintsShown).toBe(2);

    session.readTask('hostname-mine', [DONE, HOST_SAME], session.getState().tasks[0].openedAt! + 83_000);
    await wait();
    expect(frame(r)).toContain('✓ Task 1/1 · A name of your own — solved in 1:23, 2');
    expect(frame(r)).toMatch(/^ {2}hints/m);
    expect(frame(r)).toContain('the kernel showed: hostname inside: mine · host');
    expect(frame(r)).not.toContain('hint 1/2');
  });

  it('→ goes on with the task open; the task stays the step\'s, seen again with [', async () => {
    const { r, session } = await lesson('workshop');
    await press(r, KEY.right, 50);
    await press(r, KEY.right, 50);
    expect(session.calls.filter((c) => c === 'next')).toHaveLength(2);
    expect(frame(r)).not.toContain('▶ Task 1/1');
    await press(r, '[');
    expect(frame(r)).toContain('▶ Task 1/1 · A name of your own');
  });

  it('n skips the open task', async () => {
    const { r, session } = await lesson('workshop');
    await press(r, KEY.right, 50);
    await press(r, 'n');
    expect(session.calls).toContain('skip hostname-mine');
    expect(frame(r)).toContain('– Task 1/1 · A name of your own — skipped');
  });

  it('fits 80×24, the task before the slide\'s text', async () => {
    const { r, session } = await lesson(undefined, 80, 24);
    await press(r, KEY.right, 50);
    session.readTask('hostname-mine', [NOT_YET, HOST_SAME]);
    await wait();
    const all = lines(r);
    for (const line of all) expect(visibleLength(line), line).toBeLessThanOrEqual(80);
    expect(all.length).toBeLessThanOrEqual(24);
    expect(frame(r)).toContain('▶ Task 1/1 · A name of your own');
    expect(frame(r)).toContain('✗ hostname-inside');
  });
});

describe('study mode', () => {
  it('→ waits for the step\'s open task and says how to go on; once skipped (or solved) → runs the next step', async () => {
    const { r, session } = await lesson('study');
    await press(r, KEY.right, 50);
    expect(frame(r)).toContain('n skips the task');
    await press(r, KEY.right, 50);
    expect(session.calls.filter((c) => c === 'next')).toHaveLength(1);
    expect(lines(r).at(-1)).toBe(STUDY_WAITS);
    await press(r, 'n');
    await press(r, KEY.right, 50);
    expect(session.calls.filter((c) => c === 'next')).toHaveLength(2);
  });

  it('a solved task lets → go on', async () => {
    const { r, session } = await lesson('study');
    await press(r, KEY.right, 50);
    session.readTask('hostname-mine', [DONE, HOST_SAME]);
    await wait();
    await press(r, KEY.right, 50);
    expect(session.calls.filter((c) => c === 'next')).toHaveLength(2);
  });
});

describe('present mode', () => {
  it('shows no task, and h and n do nothing', async () => {
    const { r, session } = await lesson('present');
    await press(r, KEY.right, 50);
    expect(frame(r)).not.toContain('Task 1/1');
    await press(r, 'h');
    await press(r, 'n');
    expect(session.calls).toEqual(['next']);
  });
});
