// Fitting the task box: the statement gives way, with one line saying so; checks, hints and keys never do.
import { describe, expect, it } from 'vitest';
import { fitTaskLines, type TaskLine } from '../../src/app/taskLines.js';
import { stripAnsi } from '../../src/app/textWrap.js';

const lines: TaskLine[] = [
  { text: '▶ Task 1/1' },
  { text: 'statement 1', spare: true },
  { text: 'statement 2', spare: true },
  { text: 'statement 3', spare: true },
  { text: 'work in: s', spare: true },
  { text: '✗ check' },
  { text: 'hint 1/2: …' },
  { text: 'h the next hint' },
];

describe('fitTaskLines', () => {
  it('all lines when they fit', () => {
    expect(fitTaskLines(lines, 8)).toEqual(lines.map((l) => l.text));
  });

  it('short of room, the statement is cut from its end and one line says how much is left out', () => {
    expect(fitTaskLines(lines, 6).map(stripAnsi)).toEqual(['▶ Task 1/1', 'statement 1', '… 3 more lines of the task (p, or a taller terminal)', '✗ check', 'hint 1/2: …', 'h the next hint']);
    // with the whole statement gone and still too little room, the last lines go
    expect(fitTaskLines(lines, 4).map(stripAnsi)).toEqual(['▶ Task 1/1', '… 4 more lines of the task (p, or a taller terminal)', '✗ check', 'hint 1/2: …']);
  });

  it('never more lines than the room', () => {
    for (let h = 0; h <= 9; h++) expect(fitTaskLines(lines, h).length).toBeLessThanOrEqual(h);
  });
});
