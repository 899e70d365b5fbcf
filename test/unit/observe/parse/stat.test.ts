// Unit tests for the /proc/<pid>/stat parser: proc(5) fields, a name with spaces and parentheses, a made-up short line.
import { describe, expect, it } from 'vitest';
import { hasExited, parseProcStat } from '../../../../src/observe/parse/stat.js';
import { fixture, V, V2 } from '../fixtures.js';

describe('parseProcStat', () => {
  it('reads the proc(5) fields of a whole line, as the kernel writes it', () => {
    const stat = parseProcStat(fixture(V2, `proc/${V.container}/stat`));
    expect(stat).toMatchObject({ pid: 4301, comm: 'sh', state: 'S', ppid: 4300, pgrp: 4300, session: 4242, ttyNr: 34816, tpgid: 4300 });
    expect(stat).toMatchObject({ utime: 0, stime: 1, priority: 20, nice: 0, numThreads: 1, itrealvalue: 0, starttime: 61023, vsize: 2826240, rss: 220 });
  });

  it('takes the name between the first "(" and the LAST ")", even with spaces and parens in it', () => {
    expect(parseProcStat('12 (runc:[2:INIT]) S 10 12 12 0')).toMatchObject({ pid: 12, comm: 'runc:[2:INIT]', state: 'S', ppid: 10 });
    expect(parseProcStat('13 (a) b (c)) R 1 13')).toMatchObject({ pid: 13, comm: 'a) b (c)', state: 'R', ppid: 1, pgrp: 13 });
    expect(parseProcStat('14 (x) Z 1 0 0 0 -1 4 0 0 0 0 0 0 0 0 20 0 1 0 777\n')).toMatchObject({ comm: 'x', state: 'Z', tpgid: -1, starttime: 777 });
  });

  it('leaves out the fields a short line does not have, and says null for text that is not a stat line', () => {
    const short = parseProcStat('5 (sh) S 1 5 5 0 -1');
    expect(short).toEqual({ pid: 5, comm: 'sh', state: 'S', ppid: 1, pgrp: 5, session: 5, ttyNr: 0, tpgid: -1 });
    expect(parseProcStat('6 (sh) S')).toEqual({ pid: 6, comm: 'sh', state: 'S', ppid: 0 });
    expect(parseProcStat('garbage')).toBeNull();
    expect(parseProcStat('')).toBeNull();
  });
});

describe('hasExited', () => {
  it('is true for a zombie (Z) and a dead (X) process only', () => {
    expect(['R', 'S', 'D', 'T', 't', 'I', 'Z', 'X'].filter((state) => hasExited({ state }))).toEqual(['Z', 'X']);
  });
});
