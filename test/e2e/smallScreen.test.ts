// 80×24 in a real terminal (tmux): every slide of every lesson read whole, page by page, by [ ] and PgDn; steps run for real keep the step just run in the list, with its checks.
import { afterEach, expect, it } from 'vitest';
import { join } from 'node:path';
import { splitColumns } from '../../src/app/layout.js';
import { loadLessons } from '../../src/lesson/loadLessons.js';
import { lessonsDir, packageRoot } from '../../src/sys/packageRoot.js';
import type { Lesson } from '../../src/types.js';
import { describeAsRoot, inCi } from '../support/requireRoot.js';
import { expectedSlides, POSITION, readWholeSlide, type ExpectedSlide } from '../support/slideWalk.js';
import { TmuxSession, appCommand, hasTmux } from '../support/tmux.js';
import { labProcesses, until } from '../support/kernelView.js';

const cli = join(packageRoot(), 'dist/app/main.js');
const { lessons } = loadLessons(lessonsDir({}));
let tmux: TmuxSession | null = null;

afterEach(() => {
  tmux?.kill();
  tmux = null;
});

if (!hasTmux()) {
  if (inCi) throw new Error('tmux is missing: the end-to-end suite cannot run, and in CI no suite may be skipped');
  process.stderr.write('\n*** SKIPPED: end-to-end small-screen tests need tmux (apt-get install tmux) ***\n\n');
}

const widest = (screen: string): number => Math.max(...screen.split('\n').map((l) => [...l].length));
const lineOf = (re: RegExp): RegExp => new RegExp(re.source, 'm');

/** The first line of the slide shown, read off its position line; null when the slide is whole. */
function firstShown(screen: string): number | null {
  for (const line of screen.split('\n')) {
    const m = POSITION.exec(line);
    if (m) return Number(m[1]);
  }
  return null;
}

/** The screen once `ready` holds and two captures 60 ms apart agree (a frame is not read half drawn). */
async function settled(t: TmuxSession, ready: (screen: string) => boolean, what: string): Promise<string> {
  const deadline = Date.now() + 10000;
  let last = '';
  for (;;) {
    const screen = t.screen();
    if (ready(screen) && screen === last) return screen;
    last = screen;
    if (Date.now() > deadline) throw new Error(`${what}; the screen shows:\n${screen}`);
    await new Promise((r) => setTimeout(r, 60));
  }
}

/**
 * Opens `lesson` at the size, then shows its introduction and each step's slide in turn with ]
 * (nothing runs) and reads each whole with PgDn. Returns how many slides needed paging.
 */
async function walkLesson(lesson: Lesson, cols: number, rows: number): Promise<{ slides: number; paged: number }> {
  const t = new TmuxSession(cols, rows, appCommand(cli, [lesson.id]));
  tmux = t;
  await t.waitFor(new RegExp(`0/${lesson.steps.length} steps done`), 20000);
  const slides = expectedSlides(lesson, splitColumns(cols).left, true);
  let paged = 0;
  for (const slide of slides) {
    if (slide.index >= 0) t.keys(']');
    const where = `${lesson.id} ${slide.index < 0 ? 'intro' : `step ${slide.index + 1}`} at ${cols}×${rows}`;
    const screen = await settled(t, (s) => lineOf(slide.heading).test(s), `${where}: the heading never showed`);
    expect(widest(screen), `${where}:\n${screen}`).toBeLessThanOrEqual(cols);
    const pages = await readWholeSlide(slide, screen, (before) => pageDown(t, slide, before.first), where);
    if (pages > 1) paged++;
  }
  t.keys('q');
  await t.waitFor(/EXIT=0/, 20000);
  t.kill();
  tmux = null;
  return { slides: slides.length, paged };
}

/**
 * PgDn, then the screen once the slide has moved on: its position line further down, or none
 * (the first PgDn on a narrow screen folds the panels, and the slide may then fit whole).
 */
async function pageDown(t: TmuxSession, slide: ExpectedSlide, before: number): Promise<string> {
  t.keys('PageDown');
  return settled(
    t,
    (s) => {
      const first = firstShown(s);
      return lineOf(slide.heading).test(s) && (first === null || first > before);
    },
    `PgDn did not move the slide from line ${before}`,
  );
}

describeAsRoot('a small terminal', () => {
  it.runIf(hasTmux())(
    '80×24: every slide of every lesson reads whole, by [ ] and PgDn, with no line out of reach',
    async () => {
      expect(lessons.length).toBeGreaterThanOrEqual(12);
      let slides = 0;
      let paged = 0;
      for (const lesson of lessons) {
        const w = await walkLesson(lesson, 80, 24);
        slides += w.slides;
        paged += w.paged;
      }
      process.stderr.write(`80×24: ${slides} slides read whole, ${paged} of them needed PgDn\n`);
      expect(await until(() => labProcesses().length === 0, 5000), `left: ${labProcesses()}`).toBe(true);
    },
    300_000,
  );

  it.runIf(hasTmux())(
    '160×45 stays whole: the namespaces and the chain lesson, every slide',
    async () => {
      for (const id of ['namespaces', 'dockerd-to-runc']) await walkLesson(lessons.find((l) => l.id === id)!, 160, 45);
    },
    120_000,
  );

  it.runIf(hasTmux())('80×24 with real steps: the step just run stays in the list with its checks, ↓ folds the panels, → opens them', async () => {
    const lesson = lessons.find((l) => l.id === 'cgroups')!;
    const n = lesson.steps.length;
    const t = new TmuxSession(80, 24, appCommand(cli, [lesson.id]));
    tmux = t;
    await t.waitFor(new RegExp(`0/${n} steps done`), 20000);
    for (let i = 1; i <= 4; i++) {
      t.keys('Right');
      await t.waitFor(new RegExp(`${i}/${n} steps done`), 20000);
      const screen = await settled(t, (s) => new RegExp(`^Checks step ${i}: `, 'm').test(s), `step ${i}'s checks never showed`);
      // the step just run, done, in the list (it used to scroll out of a two-line list)
      expect(screen, screen).toContain(`✓ ${i}. ${lesson.steps[i - 1].title}`);
      expect(screen).toContain(`› · ${i + 1}. `);
      // and its result: every check read from the kernel, ✓ and its words, beside the cgroup panel
      const checks = lesson.steps[i - 1].checks.length;
      expect(screen, screen).toMatch(new RegExp(`^Checks step ${i}: ${checks}/${checks} passed`, 'm'));
      expect(screen.split('\n').filter((l) => /^✓ \S.* — /.test(l)), screen).toHaveLength(checks);
    }
    // step 4's slide is longer than the room beside the panels
    let screen = await t.waitFor(/^lines 1–\d+ of \d+ ↓ · ↓ reads on, the panels fold$/m);
    expect(screen).toMatch(/^Syscalls/m);
    t.keys('Down');
    screen = await settled(t, (s) => /^Panels \(p opens\) /m.test(s), 'the panels never folded');
    expect(screen).not.toMatch(/^Syscalls/m);
    expect(screen).toMatch(/≠ [a-z ]*pid/); // the summary still says what the kernel shows
    const slide = expectedSlides(lesson, 80, true)[4];
    await readWholeSlide(slide, screen, (before) => pageDown(t, slide, before.first), 'cgroups step 4, folded');
    t.keys('Right');
    screen = await t.waitFor(new RegExp(`5/${n} steps done`), 30000);
    expect(screen).toMatch(/^Syscalls/m);
    expect(screen).not.toMatch(/^Panels \(p opens\)/m);
    expect(widest(screen)).toBeLessThanOrEqual(80);
    t.keys('q');
    await t.waitFor(/EXIT=0/, 20000);
    expect(await until(() => labProcesses().length === 0, 5000), `left: ${labProcesses()}`).toBe(true);
  }, 120_000);
});
