// A lesson as big as a lesson file may be draws at once, and q acts at once: only what fits is rendered.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { App } from '../../src/app/App.js';
import { createFakeBackend, makeLesson, namespaceSteps } from './fakeSession.js';
import { frame, KEY, press, renderAt } from './harness.js';

afterEach(() => cleanup());

const KIB = 1024;
const para = 'The kernel keeps a **namespace** per process: `unshare(2)` makes new ones.\n\n- a list item with `code` and words\n- another one\n\n';
const fill = (n: number): string => para.repeat(Math.ceil(n / para.length)).slice(0, n);

async function timeOpen(extra: Parameters<typeof makeLesson>[4], slide?: string) {
  const steps = namespaceSteps();
  if (slide !== undefined) steps[0] = { ...steps[0], slide };
  const lesson = makeLesson('big', 1, extra?.title ?? 'Big', steps, extra);
  const backend = createFakeBackend({ lessons: [lesson], scripts: { big: steps } });
  const onExit = vi.fn();
  let t = performance.now();
  const r = await renderAt(<App backend={backend} onExit={onExit} />, 160, 45);
  const menu = performance.now() - t;
  t = performance.now();
  await press(r, KEY.enter, 20);
  const intro = performance.now() - t;
  t = performance.now();
  await press(r, KEY.right, 20);
  const step = performance.now() - t;
  const stepFrame = frame(r);
  t = performance.now();
  await press(r, 'q', 20);
  const q = performance.now() - t;
  expect(onExit).toHaveBeenCalled();
  return { menu, intro, step, q, frame: stepFrame };
}

describe('a lesson as big as a lesson file may be', () => {
  it('draws a 255 KiB intro and a 250 KiB slide at once, and q acts at once', async () => {
    const small = await timeOpen({});
    const t = await timeOpen({ intro: fill(255 * KIB) }, fill(250 * KIB));
    console.log(`small: intro ${small.intro.toFixed(0)} ms, step ${small.step.toFixed(0)} ms; big: intro ${t.intro.toFixed(0)} ms, step ${t.step.toFixed(0)} ms, q ${t.q.toFixed(0)} ms`);
    // rendering all of either takes about a second here; the screen renders what it shows
    expect(t.intro).toBeLessThan(small.intro + 600);
    expect(t.step).toBeLessThan(small.step + 600);
    expect(t.q).toBeLessThan(300);
    // the rest is rendered as it is scrolled to: the position line counts what is rendered so far
    expect(t.frame).toMatch(/lines 1–\d+ of \d+\+ ↓/);
  }, 60000);
});
