// UI tests for the chain panel on the lesson screen, fitted to 80×24 and 160×45 (its lines: test/unit/format/chainLines.test.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { App } from '../../src/app/App.js';
import { visibleLength } from '../../src/app/textWrap.js';
import { chainSteps, createFakeBackend, LESSON9_TIMELINE, makeLesson, TWELVE_HOPS, type FakeStep } from './fakeSession.js';
import { frame, KEY, lines, panelColumn, press, renderAt } from './harness.js';

afterEach(() => cleanup());

describe('chain panel on the lesson screen', () => {
  for (const [columns, rows] of [
    [80, 24],
    [160, 45],
  ] as const) {
    it(`shows the API log and then the chain at ${columns}×${rows}, within the screen`, async () => {
      const backend = createFakeBackend({ lessons: [makeLesson('chain', 9, 'From dockerd to runc', chainSteps())], scripts: { chain: chainSteps() } });
      const r = await renderAt(<App backend={backend} onExit={() => {}} />, columns, rows);
      await press(r, KEY.enter, 50);
      await press(r, KEY.right, 50);
      expect(frame(r)).toContain('Docker API');
      expect(frame(r)).toContain('containers/create');
      await press(r, KEY.right, 50);
      const f = frame(r);
      if (rows >= 45) {
        expect(f).toContain('Where the time goes');
        expect(f).toContain('█');
      }
      expect(f).toContain('shim');
      const all = lines(r);
      for (const line of all) expect(visibleLength(line), line).toBeLessThanOrEqual(columns);
      expect(all.length).toBeLessThanOrEqual(rows);
    });
  }

  for (const [columns, rows] of [
    [80, 24],
    [160, 45],
  ] as const) {
    it(`lesson 9's timeline fits ${columns}×${rows}: no line cut at the edge, every process with its label, PID and end`, async () => {
      const steps: FakeStep[] = chainSteps();
      const timed = steps[1].snapshot!;
      const title = 'docker run --rm, as each process appeared';
      steps[1] = { ...steps[1], snapshot: (prev) => ({ ...timed(prev), chain: { ...timed(prev).chain, timeline: { title, entries: LESSON9_TIMELINE }, focus: 'timeline' } }) };
      const backend = createFakeBackend({ lessons: [makeLesson('chain', 9, 'From dockerd to runc', steps)], scripts: { chain: steps } });
      const r = await renderAt(<App backend={backend} onExit={() => {}} />, columns, rows);
      await press(r, KEY.enter, 50);
      await press(r, KEY.right, 50);
      await press(r, KEY.right, 50);
      const panel = panelColumn(lines(r), columns);
      const start = panel.findIndex((l) => l.startsWith(title));
      expect(start, frame(r)).toBeGreaterThanOrEqual(0);
      expect(panel[start]).not.toMatch(/not shown/);
      // the section runs to the next panel title (a line with a rule) or the end
      const end = panel.findIndex((l, i) => i > start && /─{3}/.test(l));
      const section = panel.slice(start + 1, end < 0 ? undefined : end);
      for (const line of lines(r)) expect(visibleLength(line), line).toBeLessThanOrEqual(columns);
      for (const line of section) expect(line, `cut at the edge:\n${frame(r)}`).not.toMatch(/…$/);
      const words = section.join(' ').replace(/\s+/g, ' ');
      for (const e of LESSON9_TIMELINE) {
        expect(words).toContain(`+${Math.round(e.at)} ms`);
        for (const w of e.label.split(' ')) expect(words, e.label).toContain(w);
        expect(words).toContain(`pid ${e.pid}`);
        if (e.goneAt !== undefined) expect(words).toMatch(new RegExp(`gone (at )?\\+${Math.round(e.goneAt)} ms`));
      }
      expect(lines(r).length).toBeLessThanOrEqual(rows);
    });

    it(`every one of lesson 9's twelve hops is on screen at ${columns}×${rows}`, async () => {
      const steps: FakeStep[] = chainSteps();
      const timed = steps[1].snapshot!;
      steps[1] = { ...steps[1], snapshot: (prev) => ({ ...timed(prev), chain: { ...timed(prev).chain, hops: { title: 'Where the time goes', bars: TWELVE_HOPS }, focus: 'hops' } }) };
      const backend = createFakeBackend({ lessons: [makeLesson('chain', 9, 'From dockerd to runc', steps)], scripts: { chain: steps } });
      const r = await renderAt(<App backend={backend} onExit={() => {}} />, columns, rows);
      await press(r, KEY.enter, 50);
      await press(r, KEY.right, 50);
      await press(r, KEY.right, 50);
      const f = frame(r);
      expect(f).toContain('Where the time goes');
      expect(f).not.toMatch(/Where the time goes.*not shown/);
      for (const h of TWELVE_HOPS) expect(f, h.label).toContain(h.label);
      for (const line of lines(r)) expect(visibleLength(line), line).toBeLessThanOrEqual(columns);
      expect(lines(r).length).toBeLessThanOrEqual(rows);
    });
  }
});
