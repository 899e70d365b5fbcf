// Unit tests for reading /proc/<pid>/stat under a root path: a fixture tree, a PID that is gone.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readProcStat } from '../../../src/observe/procStat.js';
import { processStartTime } from '../../../src/stateRoot.js';
import { V, V2 } from './fixtures.js';

const roots: string[] = [];
afterEach(() => {
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
});

describe('readProcStat', () => {
  it('reads a process of the fixture tree, and null for a PID that is not there', () => {
    expect(readProcStat(V2, V.inside)).toMatchObject({ pid: 4302, comm: 'sleep', state: 'S', ppid: 4301, starttime: 61188 });
    expect(readProcStat(V2, 99999)).toBeNull();
  });

  it('keeps a name with spaces and parentheses whole', () => {
    const root = mkdtempSync(join(tmpdir(), 'procstat-'));
    roots.push(root);
    mkdirSync(join(root, 'proc', '77'), { recursive: true });
    writeFileSync(join(root, 'proc', '77', 'stat'), '77 (my (odd) name) Z 1 77 77 0 -1\n');
    expect(readProcStat(root, 77)).toMatchObject({ comm: 'my (odd) name', state: 'Z', ppid: 1 });
  });

  it('gives the start time the session owner file records (field 22, as text)', () => {
    expect(processStartTime(V.container, V2)).toBe('61023');
    expect(processStartTime(99999, V2)).toBeNull();
  });
});
