// UI tests for layout: nothing wider than the terminal at 80×24, two columns at 160×45, live resize.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { App } from '../../src/app/App.js';
import { visibleLength } from '../../src/app/textWrap.js';
import { createFakeBackend, namespaceSteps, type FakeSession } from './fakeSession.js';
import { frame, KEY, lines, press, renderAt, resize, wait, widest } from './harness.js';

afterEach(() => cleanup());

async function lessonAt(columns: number, rows: number, failMount = false) {
  const backend = createFakeBackend({
    scripts: { namespaces: namespaceSteps(failMount) },
    loadErrors: [{ file: 'lessons/07-broken.md', line: 12, message: 'unknown action "mount-overlay"' }],
    privilegeNote: 'running as root: every lesson is available',
  });
  const r = await renderAt(<App backend={backend} onExit={() => {}} />, columns, rows);
  await press(r, KEY.down);
  await press(r, KEY.enter, 50);
  return { r, session: backend.sessions[0] as FakeSession };
}

/** The frame fits the terminal: no line wider, no more lines than rows (Ink never scrolls). */
function expectFits(r: Parameters<typeof frame>[0], columns: number, rows: number): void {
  const all = lines(r);
  for (const line of all) expect(visibleLength(line), line).toBeLessThanOrEqual(columns);
  expect(all.length).toBeLessThanOrEqual(rows);
}

describe('layout', () => {
  it('at 80×24 every screen fits: menu, lesson after each step, failure, help', async () => {
    const { r, session } = await lessonAt(80, 24, true);
    expectFits(r, 80, 24);
    for (let i = 0; i < 3; i++) {
      await press(r, KEY.right, 40);
      expectFits(r, 80, 24);
    }
    const f = frame(r);
    // stacked: the panels come below the lesson text, starting at column 0
    expect(lines(r).some((l) => l.startsWith('Processes'))).toBe(true);
    expect(f).toContain('✗ step 3 failed');
    expect(f).toContain('= -1 EPERM');
    session.set({ error: 'the helper process exited (code 1): ' + 'x'.repeat(200) });
    await wait();
    expectFits(r, 80, 24);
    expect(frame(r)).toContain('✗ error');
    await press(r, '?');
    expectFits(r, 80, 24);
    await press(r, '?');
    await press(r, KEY.esc, 80);
    expect(frame(r)).toContain('lessons/07-broken.md:12: unknown action "mount-overlay"');
    expectFits(r, 80, 24);
  });

  it('at 160×45 the slide and the panels sit side by side', async () => {
    const { r } = await lessonAt(160, 45);
    await press(r, KEY.right, 50);
    expectFits(r, 160, 45);
    const side = lines(r).find((l) => l.includes('Step 1/3 · New namespaces'));
    expect(side).toBeDefined();
    expect(side).toMatch(/Step 1\/3 · New namespaces\s+Processes/);
    // roomy: the whole namespace table and the column header are there
    const f = frame(r);
    expect(f).toMatch(/type\s+host\s+container/);
    for (const ns of ['cgroup', 'ipc', 'mnt', 'net', 'pid', 'time', 'user', 'uts']) expect(f).toMatch(new RegExp(`${ns}\\s+40265`));
    expect(f).toMatch(/host\s+inside\s+role\s+command/);
  });

  it('follows a resize from 80×24 to 160×45 and back', async () => {
    const { r } = await lessonAt(80, 24);
    await press(r, KEY.right, 50);
    expect(lines(r).some((l) => /Step 1\/3 · New namespaces\s+Processes/.test(l))).toBe(false);
    expect(widest(r)).toBeLessThanOrEqual(80);

    resize(r, 160, 45);
    await wait(50);
    expect(lines(r).some((l) => /Step 1\/3 · New namespaces\s+Processes/.test(l))).toBe(true);
    expect(widest(r)).toBeGreaterThan(80);
    expectFits(r, 160, 45);

    resize(r, 80, 24);
    await wait(50);
    expectFits(r, 80, 24);
    expect(lines(r).some((l) => /Step 1\/3 · New namespaces\s+Processes/.test(l))).toBe(false);
  });

  it('keeps a tiny terminal from overflowing the width', async () => {
    const { r } = await lessonAt(50, 16, true);
    for (let i = 0; i < 3; i++) await press(r, KEY.right, 40);
    expect(widest(r)).toBeLessThanOrEqual(50);
  });
});
