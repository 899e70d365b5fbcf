// The presenter's keys on the lesson screen: go to a step (g N Enter, :N Enter), zoom a panel (z), blank the screen (b).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { App } from '../../src/app/App.js';
import { visibleLength } from '../../src/app/textWrap.js';
import { chainSteps, createFakeBackend, entry, makeLesson, namespaceSteps, TWELVE_HOPS, type FakeSession, type FakeStep } from './fakeSession.js';
import { frame, KEY, lines, press, renderAt, wait } from './harness.js';

afterEach(() => cleanup());

/** Twelve steps, as many as lesson 2 has: the namespace steps over and over, each with its own title. */
function twelveSteps(): FakeStep[] {
  const base = namespaceSteps();
  return Array.from({ length: 12 }, (_, i) => {
    const s = base[i % base.length];
    const title = `Part ${i + 1}`;
    return { ...s, title, slide: `## ${title}\n\nThe slide of part ${i + 1}.` };
  });
}

/** Lesson 9's second step with all twelve hops, and a syscall log longer than the panel's share. */
function chainWithHops(): FakeStep[] {
  const steps = chainSteps();
  const timed = steps[1].snapshot!;
  const calls = Array.from({ length: 30 }, (_, i) => entry('openat', ['AT_FDCWD', `"/run/container-lab/session-1a2b/f${i}"`, 'O_RDONLY'], String(3 + i)));
  steps[1] = {
    ...steps[1],
    log: calls,
    snapshot: (prev) => ({ ...timed(prev), chain: { ...timed(prev).chain, hops: { title: 'Where the time goes', bars: TWELVE_HOPS }, focus: 'hops' } }),
  };
  return steps;
}

/** Lesson 2 as the package has it: also runs rootless, which its header says. */
async function lesson(columns: number, rows: number, steps: FakeStep[] = twelveSteps()) {
  const onExit = vi.fn();
  const backend = createFakeBackend({ lessons: [makeLesson('namespaces', 2, 'Namespaces', steps, { privilege: 'rootless' })], scripts: { namespaces: steps } });
  const r = await renderAt(<App backend={backend} onExit={onExit} />, columns, rows);
  await press(r, KEY.enter, 50);
  return { r, onExit, session: backend.sessions[0] as FakeSession };
}

/** The frame fits the terminal: no line wider, no more lines than rows. */
function expectFits(r: Parameters<typeof frame>[0], columns: number, rows: number): void {
  const all = lines(r);
  for (const line of all) expect(visibleLength(line), line).toBeLessThanOrEqual(columns);
  expect(all.length).toBeLessThanOrEqual(rows);
}

const footer = (r: Parameters<typeof frame>[0]): string => lines(r).at(-1) ?? '';

describe('go to a step', () => {
  it('g 6 Enter goes to step 6, saying what it does with the spinner while it works', async () => {
    const { r, session } = await lesson(80, 24);
    await press(r, 'g');
    expect(footer(r)).toBe('go to step: _  (1–12, Enter goes, Esc cancels)');
    await press(r, '6');
    expect(footer(r)).toContain('go to step: 6_');
    session.hold = true;
    await press(r, KEY.enter);
    expect(session.calls).toEqual(['jump']);
    expect(frame(r)).toContain('⟳ going to step 6: running steps 1–6');
    // a key that waits for the step keys meanwhile does nothing: no prompt opens
    await press(r, 'g');
    expect(frame(r)).not.toContain('go to step:');
    await wait(400);
    expect(frame(r)).toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] going to step 6: running steps 1–6 0\.\d s/);
    expect(footer(r)).toContain('(busy)');
    // at 80 columns the header keeps the progress short so that the whole activity fits
    expect(lines(r)[0]).toMatch(/^2\. Namespaces {2}0\/12 {2}[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] going to step 6: running steps 1–6 0\.\d s$/);
    session.release();
    await wait(80);
    const f = frame(r);
    expect(f).toContain('6/12 steps done · rootless ok');
    expect(f).toContain('Step 6/12 · Part 6');
    expect(f).not.toContain('going to step');
    expect(session.getState().cursor).toBe(6);
    expectFits(r, 80, 24);
  });

  it(':3 Enter goes there too, back from further on; Backspace takes a digit back', async () => {
    const { r, session } = await lesson(160, 45);
    for (const k of ['g', '9', KEY.enter]) await press(r, k, 40);
    expect(frame(r)).toContain('Step 9/12 · Part 9');
    await press(r, ':');
    await press(r, '3');
    await press(r, '1');
    expect(footer(r)).toContain('go to step: 31_');
    await press(r, '\u007F');
    expect(footer(r)).toContain('go to step: 3_');
    await press(r, KEY.enter, 50);
    expect(session.calls).toEqual(['jump', 'jump']);
    expect(frame(r)).toContain('Step 3/12 · Part 3');
    expect(frame(r)).toContain('3/12 steps done');
  });

  it('typed fast, in one chunk (g6 and Enter together), it goes there all the same; a chunk stops where the app changes screen', async () => {
    const { r, session, onExit } = await lesson(80, 24);
    await press(r, 'g6\r', 60);
    expect(session.calls).toEqual(['jump']);
    expect(frame(r)).toContain('Step 6/12 · Part 6');
    await press(r, ':2\r', 60);
    expect(frame(r)).toContain('Step 2/12 · Part 2');
    // ? opens the help: the q after it in the same chunk is not taken as quit
    await press(r, '?q', 60);
    expect(frame(r)).toContain('container-lab help');
    expect(onExit).not.toHaveBeenCalled();
  });

  it('Esc or any other key cancels without doing anything else; Enter on nothing goes nowhere', async () => {
    const { r, session } = await lesson(80, 24);
    const before = frame(r);
    for (const cancel of [KEY.esc, 'x', KEY.right, 'q']) {
      await press(r, 'g');
      await press(r, '5');
      await press(r, cancel, 40);
      expect(frame(r), JSON.stringify(cancel)).toBe(before);
    }
    await press(r, 'g');
    await press(r, KEY.enter, 40);
    expect(frame(r)).toBe(before);
    expect(session.calls).toEqual([]);
  });

  it('a number that is no step gets one line, and the next key brings the footer back', async () => {
    const { r, session } = await lesson(80, 24);
    for (const typed of ['15', '0']) {
      await press(r, 'g');
      for (const d of typed) await press(r, d);
      await press(r, KEY.enter, 40);
      expect(footer(r)).toBe(`no step ${typed}: this lesson has steps 1–12`);
      expectFits(r, 80, 24);
      await press(r, ']');
      expect(footer(r)).toMatch(/^→ next {2}← back/);
    }
    expect(session.calls).toEqual([]);
  });
});

/** The title of the zoomed panel, or null. */
function zoomedTitle(r: Parameters<typeof frame>[0]): string | null {
  const line = lines(r).find((l) => /\[zoomed · z (next|or Esc)/.test(l));
  return line ? (line.slice(0, line.indexOf(' [zoomed')).trim().split(/\s{2,}/).at(-1) ?? null) : null;
}

const syscallLines = (f: string): number => f.split('\n').filter((l) => /openat\(AT_FDCWD/.test(l)).length;
const timelineLines = (f: string): number => f.split('\n').filter((l) => /\+\d+ ms {2}\S/.test(l)).length;

describe('zoom', () => {
  for (const [columns, rows] of [
    [80, 24],
    [160, 45],
  ] as const) {
    it(`z goes through the panels the screen has and back, each zoomed one bigger, at ${columns}×${rows}`, async () => {
      const { r } = await lesson(columns, rows, chainWithHops());
      await press(r, KEY.right, 40);
      await press(r, KEY.right, 40);
      const normal = frame(r);
      expect(zoomedTitle(r)).toBeNull();
      const seen: string[] = [];
      const zoomed: Record<string, string> = {};
      for (let i = 0; i < 10; i++) {
        await press(r, 'z', 40);
        const title = zoomedTitle(r);
        if (title === null) break;
        seen.push(title);
        zoomed[title] = frame(r);
        expectFits(r, columns, rows);
        // one panel: no other panel's title on screen
        for (const other of ['Processes', 'Namespaces', 'Mounts', 'Syscalls', 'Checks']) if (other !== title) expect(frame(r)).not.toMatch(new RegExp(`^(.*\\s)?${other} .*─+$`, 'm'));
        expect(footer(r)).toContain('Esc unzoom');
        expect(footer(r)).not.toContain('Esc menu');
      }
      // top to bottom as drawn; step 2 printed nothing, so there is no output panel
      expect(seen).toEqual(['Processes', 'Docker API', 'Namespaces', 'Mounts', 'Syscalls', 'Checks']);
      expect(frame(r)).toBe(normal);
      expect(footer(r)).toContain('Esc menu');

      // zoomed, a panel shows more than it had room for beside the others
      expect(syscallLines(zoomed.Syscalls)).toBeGreaterThan(syscallLines(normal));
      expect(syscallLines(zoomed.Syscalls)).toBe(Math.min(30, rows - 4));
      expect(timelineLines(zoomed['Docker API'])).toBe(5);
      expect(zoomed['Docker API']).not.toMatch(/Timeline of docker run -d.*not shown/);
      expect(timelineLines(normal)).toBeLessThan(5);
      expect(zoomed.Namespaces).toMatch(/type\s+host\s+container/);
    });
  }

  it('Esc leaves the zoom, not the lesson; the zoom holds through a step; zoomed stacked, the slide keys wait', async () => {
    const { r, session } = await lesson(80, 24, chainWithHops());
    await press(r, KEY.right, 40);
    await press(r, 'z');
    expect(zoomedTitle(r)).toBe('Processes');
    await press(r, KEY.right, 40);
    expect(session.calls).toEqual(['next', 'next']);
    expect(zoomedTitle(r)).toBe('Processes');
    expect(frame(r)).toContain('2/2 steps done');
    // no slide on screen: ↓ and p do nothing now (the panels do not fold behind the zoom)
    const zoomed = frame(r);
    await press(r, KEY.down);
    await press(r, 'p');
    expect(frame(r)).toBe(zoomed);
    await press(r, KEY.esc, 40);
    expect(frame(r)).not.toContain('Panels (p opens)');
    expect(zoomedTitle(r)).toBeNull();
    expect(session.calls).toEqual(['next', 'next']);
    expect(frame(r)).toContain('Step 2/2 · The chain, live');
  });
});

describe('blank', () => {
  it('b leaves the title line alone; the next key only brings the screen back', async () => {
    const { r, session, onExit } = await lesson(80, 24);
    await press(r, KEY.right, 40);
    const shown = frame(r);
    for (const back of [KEY.right, 'q', KEY.esc, 'b', 'g', '?']) {
      await press(r, 'b');
      expect(frame(r).split('\n').filter((l) => l.trim() !== '')).toEqual(['2. Namespaces  1/12 steps done · rootless ok']);
      await press(r, back, 40);
      expect(frame(r), JSON.stringify(back)).toBe(shown);
    }
    expect(session.calls).toEqual(['next']);
    expect(onExit).not.toHaveBeenCalled();
    // Ctrl+C still quits from the blank screen
    await press(r, 'b');
    await press(r, '\u0003', 60);
    expect(session.calls).toEqual(['next', 'close']);
    expect(onExit).toHaveBeenCalledTimes(1);
  });
});

describe('the footer with the new keys', () => {
  it('fits at 80×24 and 160×45, short forms at 80 columns', async () => {
    for (const [columns, rows] of [
      [80, 24],
      [160, 45],
    ] as const) {
      const { r } = await lesson(columns, rows, chainWithHops());
      await press(r, KEY.right, 40);
      const normal = footer(r);
      expect(normal).toContain(columns === 80 ? 'g go to' : 'g N go to step');
      expect(normal).toContain(columns === 80 ? 'z zoom' : 'z zoom panel');
      if (columns === 160) expect(normal).toContain('b blank screen');
      expectFits(r, columns, rows);
      await press(r, 'z');
      expect(footer(r)).toContain('Esc unzoom');
      expectFits(r, columns, rows);
      await press(r, 'g');
      expectFits(r, columns, rows);
      cleanup();
    }
  });
});
