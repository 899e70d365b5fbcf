// Unit tests for the chain timeline's lines: one per process when they fit, labels wrapped in their column, or two lines each; never wider than asked, no word lost.
import { describe, expect, it } from 'vitest';
import { timelineLines } from '../../../src/format/timelineLines.js';
import { segText, segWidth } from '../../../src/format/seg.js';
import { LESSON9_TIMELINE } from '../../ui/fakeSession.js';

const text = (width: number): string[] => timelineLines(LESSON9_TIMELINE, width).map((l) => segText(l).trimEnd());

/** No line wider than `width`, and every entry's time, label (its bold pieces joined up again), PID and end in the lines, in order. */
function expectWhole(width: number): void {
  const entries: Array<{ head: string; label: string[]; rest: string }> = [];
  for (const line of timelineLines(LESSON9_TIMELINE, width)) {
    expect(segWidth(line), segText(line)).toBeLessThanOrEqual(width);
    const head = line[0].text.trim();
    if (head) entries.push({ head, label: [], rest: '' });
    const e = entries[entries.length - 1];
    for (const seg of line.slice(1)) {
      if (seg.bold) e.label.push(seg.text.trim());
      else e.rest += ' ' + seg.text;
    }
  }
  expect(entries.map((e) => e.head)).toEqual(LESSON9_TIMELINE.map((e) => `+${Math.round(e.at)} ms`));
  LESSON9_TIMELINE.forEach((e, i) => {
    expect(entries[i].label.filter(Boolean).join(' ')).toBe(e.label);
    expect(entries[i].rest).toContain(`pid ${e.pid}`);
    if (e.goneAt !== undefined) expect(entries[i].rest).toMatch(new RegExp(`gone (at )?\\+${Math.round(e.goneAt)} ms`));
  });
}

describe('timelineLines', () => {
  it('wide enough, one line per process with "gone at", in aligned columns', () => {
    const lines = text(120);
    expect(lines).toHaveLength(LESSON9_TIMELINE.length);
    expect(lines[0]).toMatch(/^ {4}\+8 ms {2}docker run +pid 11423 {2}gone at \+881 ms$/);
    const pidAt = lines.map((l) => l.indexOf('pid '));
    expect(new Set(pidAt).size).toBe(1);
    expectWhole(120);
  });

  it('at the widths of an 80-column and a 160-column screen: within the width, every word kept', () => {
    for (const width of [80, 89]) {
      const lines = text(width);
      expectWhole(width);
      // only the long prestart hook's label takes a second line, its PID on its first
      expect(lines.length).toBeLessThanOrEqual(LESSON9_TIMELINE.length + 1);
      expect(lines.find((l) => l.includes('prestart hook'))).toMatch(/pid 11460 {2}gone (at )?\+380 ms$/);
      expect(lines.some((l) => l.includes('…'))).toBe(false);
    }
  });

  it('narrower than the longest word allows, each process takes two lines: time and label, then PID and end', () => {
    for (const width of [55, 40]) {
      const lines = text(width);
      expectWhole(width);
      expect(lines[1]).toMatch(/^ {11}pid 11423 {2}gone \+881 ms$/);
    }
  });

  it('a process with no PID and no end is one line', () => {
    const one = timelineLines([{ label: 'a rather long label that wraps', at: 3 }], 30).map(segText);
    expect(one.map((l) => l.trimEnd())).toEqual(['    +3 ms  a rather long label', '           that wraps']);
  });
});
