// Every slide of every shipped lesson can be read whole at 80×24 and 160×45, with the panels full of data, and the step just run stays in the list.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { App } from '../../src/app/App.js';
import { splitColumns } from '../../src/app/layout.js';
import { visibleLength } from '../../src/app/textWrap.js';
import { loadLessons } from '../../src/lesson/loadLessons.js';
import { lessonsDir } from '../../src/sys/packageRoot.js';
import type { Lesson, Snapshot } from '../../src/types.js';
import { expectedSlides, readWholeSlide } from '../support/slideWalk.js';
import { TWELVE_HOPS, C1_CHANGES, CG_LOADED, cgroupFilesV2, chainSteps, createFakeBackend, entry, FakeSession, namespaceSteps, overlay, type FakeStep } from './fakeSession.js';
import { frame, KEY, lines, panelColumn, press, renderAt } from './harness.js';

afterEach(() => cleanup());

const PAGE_DOWN = '\u001b[6~';

/** The fullest panels a lesson can have: own namespaces, PID 1, a loaded cgroup, overlays, and for the chain lessons the chain's views. */
function fullSnapshot(chain: boolean): (prev: Snapshot) => Snapshot {
  const ns = namespaceSteps()[0].snapshot!;
  const chained = chainSteps()[1].snapshot!;
  return (prev) => {
    const base = ns(prev);
    const withChain = chain ? chained(base) : base;
    return {
      ...withChain,
      cgroupFiles: cgroupFilesV2(CG_LOADED),
      overlays: [overlay('c1', C1_CHANGES)],
      ...(chain ? { chain: { ...withChain.chain, hops: { title: 'Where the time goes', bars: TWELVE_HOPS }, focus: 'hops' as const } } : {}),
    };
  };
}

/** A script for a real lesson: each step makes a few calls, passes two checks, prints two lines. */
function scriptFor(lesson: Lesson): FakeStep[] {
  const chain = lesson.requires.includes('docker') || lesson.requires.includes('runc');
  return lesson.steps.map((s, i) => ({
    title: s.title,
    slide: s.slide,
    action: s.action,
    log: [entry('unshare', ['CLONE_NEWNS']), entry('mount', ['"proc"', '"/proc"', '"proc"', '0', 'NULL']), entry('write', [`"/sys/fs/cgroup/x${i}"`, '"1"', '1'])],
    checks: [
      { name: 'first check', ok: true, detail: 'read: as expected' },
      { name: 'second check', ok: true, detail: 'read: as expected' },
    ],
    output: [`step ${i + 1} printed this`, 'and this'],
    snapshot: fullSnapshot(chain),
  }));
}

const { lessons } = loadLessons(lessonsDir({}));

beforeAll(() => {
  expect(lessons.length).toBeGreaterThanOrEqual(12);
});

async function open(lesson: Lesson, columns: number, rows: number) {
  const backend = createFakeBackend({ lessons: [lesson], scripts: { [lesson.id]: scriptFor(lesson) } });
  const r = await renderAt(<App backend={backend} onExit={vi.fn()} />, columns, rows);
  await press(r, KEY.enter, 40);
  return { r, session: backend.sessions[0] as FakeSession };
}

/** Per size: slides read, and how many needed paging (longer than the room beside the open panels). */
const paged = new Map<string, { slides: number; paged: number }>();
afterAll(() => {
  for (const [size, n] of paged) process.stderr.write(`${size}: ${n.slides} slides read whole, ${n.paged} of them paged (longer than their room beside the panels)\n`);
});

describe('every slide is readable whole', () => {
  for (const [columns, rows] of [
    [80, 24],
    [160, 45],
  ] as const) {
    for (const lesson of lessons) {
      it(`${lesson.order}. ${lesson.id} at ${columns}×${rows}: each step run, its slide paged to the end, the step in the list`, async () => {
        const left = splitColumns(columns).left;
        const slides = expectedSlides(lesson, left);
        const { r } = await open(lesson, columns, rows);
        const pageDown = async (): Promise<string> => {
          await press(r, PAGE_DOWN, 15);
          return frame(r);
        };
        for (const slide of slides) {
          const where = `${lesson.id} ${slide.index < 0 ? 'intro' : `step ${slide.index + 1}`} at ${columns}×${rows}`;
          if (slide.index >= 0) {
            await press(r, KEY.right, 15);
            // the step just run is in the list, done
            const title = lesson.steps[slide.index].title;
            const row = lines(r)
              .map((l) => [...l].slice(0, left).join('').trimEnd())
              .find((l) => l.includes(`✓ ${slide.index + 1}. `));
            expect(row, `${where}: the step just run is not in the list:\n${frame(r)}`).toBeDefined();
            expect(title.startsWith(row!.replace(/^.*✓ \d+\. /, '').replace(/…$/, '').replace(/\s+\d+(\.\d)? ms$/, '').trimEnd()), where).toBe(true);
            // and its result: every check, ✓ and its words, and the output's last line
            const f = panelColumn(lines(r), columns).join('\n');
            expect(f, `${where}: the step's checks are not on screen:\n${f}`).toMatch(new RegExp(`^Checks step ${slide.index + 1}: 2/2 passed`, 'm'));
            for (const check of ['✓ first check — read: as expected', '✓ second check — read: as expected']) expect(f, where).toMatch(new RegExp(`^${check}$`, 'm'));
            expect(f, `${where}: the step's output is not on screen:\n${f}`).toMatch(new RegExp(`^Output step ${slide.index + 1}[^\n]*\n(?:step ${slide.index + 1} printed this\n)?and this$`, 'm'));
          }
          const pages = await readWholeSlide(slide, frame(r), pageDown, where);
          const n = paged.get(`${columns}×${rows}`) ?? { slides: 0, paged: 0 };
          paged.set(`${columns}×${rows}`, { slides: n.slides + 1, paged: n.paged + (pages > 1 ? 1 : 0) });
          const all = lines(r);
          expect(all.length, where).toBeLessThanOrEqual(rows);
          for (const l of all) expect(visibleLength(l), `${where}: ${l}`).toBeLessThanOrEqual(columns);
        }
      });
    }
  }
});

describe('reading at 80×24', () => {
  const lesson = lessons.find((l) => l.id === 'cgroups')!;

  it('a long slide starts beside the panels; ↓ folds them to one line, p opens them, → brings them back', async () => {
    const { r } = await open(lesson, 80, 24);
    for (let i = 0; i < 4; i++) await press(r, KEY.right, 15);
    let f = frame(r);
    expect(f).toMatch(/^lines 1–\d+ of 11 ↓ · ↓ reads on, the panels fold$/m);
    expect(f).toContain('Syscalls');
    expect(f).toMatch(/↑↓ scroll  p panels/); // the footer lists the scroll and fold keys while the slide is cut
    await press(r, KEY.down, 15);
    f = frame(r);
    expect(f).toMatch(/^Panels \(p opens\) checks 2\/2 ✓ · ≠ mnt pid uts · 2 processes, 1 inside · cgroup:/m);
    expect(f).not.toContain('Syscalls');
    // folded, the whole slide fits: no position line, its last line on screen
    expect(f).not.toMatch(/^lines \d+–/m);
    expect(f).toContain('doc: cgroup-v2.rst "Memory"');
    expect(f).toMatch(/p panels/);
    await press(r, 'p', 15);
    expect(frame(r)).toContain('Syscalls');
    await press(r, 'p', 15);
    expect(frame(r)).toContain('Panels (p opens)');
    await press(r, KEY.right, 15);
    f = frame(r);
    expect(f).toContain('Step 5/9');
    expect(f).toContain('Syscalls');
    expect(f).not.toContain('Panels (p opens)');
  });

  it('[ and ] show the other slides without running anything, the list marking the one read', async () => {
    const { r, session } = await open(lesson, 80, 24);
    await press(r, KEY.right, 15);
    await press(r, ']', 15);
    let f = frame(r);
    expect(f).toMatch(/^Step 2\/9 · .* · not run yet/m);
    expect(f).toContain('✓ 1. '); // the step that ran stays in the list
    await press(r, ']', 15);
    await press(r, ']', 15);
    expect(frame(r)).toMatch(/^Step 4\/9 · /m);
    await press(r, '[', 15);
    await press(r, '[', 15);
    await press(r, '[', 15);
    await press(r, '[', 15);
    f = frame(r);
    expect(f).toMatch(/— introduction/);
    expect(session.calls).toEqual(['next']);
    // → runs the next step and shows its slide again
    await press(r, KEY.right, 15);
    expect(frame(r)).toMatch(/^Step 2\/9 · /m);
    expect(session.calls).toEqual(['next', 'next']);
  });

  it('on a shorter screen the folded slide still scrolls: End and Home reach its last and first lines', async () => {
    const { r } = await open(lesson, 80, 16);
    for (let i = 0; i < 4; i++) await press(r, KEY.right, 15);
    await press(r, '\u001b[F', 15);
    const f = frame(r);
    expect(f).toContain('Panels (p opens)');
    expect(f).toMatch(/^lines \d+–11 of 11 ↑ · ↑ PgUp back up$/m);
    expect(f).toContain('doc: cgroup-v2.rst "Memory"');
    await press(r, '\u001b[H', 15);
    expect(frame(r)).toMatch(/^lines 1–\d+ of 11 ↓ · ↓ PgDn reads on$/m);
    expect(frame(r)).toContain('Panels (p opens)');
  });
});

describe('lesson text names no place for the panels', () => {
  it('no slide or intro says the panels are on the right, left, above or below: that depends on the width', () => {
    const place = /\b(?:on|to) the (?:right|left)\b|\bpanels? (?:\w+ ){0,3}(?:below|above)\b|\b(?:below|above) (?:\w+ )?panels?\b/i;
    for (const lesson of lessons) {
      for (const text of [lesson.intro, ...lesson.steps.map((s) => s.slide)]) expect(place.exec(text.replace(/\s+/g, ' '))?.[0], lesson.id).toBeUndefined();
    }
  });
});
