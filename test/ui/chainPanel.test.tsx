// UI tests for the chain panel on the lesson screen, fitted to 80×24 and 160×45 (its lines: test/unit/format/chainLines.test.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { App } from '../../src/app/App.js';
import { visibleLength } from '../../src/app/textWrap.js';
import { chainSteps, createFakeBackend, makeLesson } from './fakeSession.js';
import { frame, KEY, lines, press, renderAt } from './harness.js';

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
});
