// Unit tests for the pure helpers behind the layout: line budgets, column split, windows, read-outs.
import { describe, expect, it } from 'vitest';
import { allocate, splitColumns, TWO_COLUMN_MIN } from '../../src/app/layout.js';
import { stepWindow } from '../../src/app/StepList.js';
import { pickMounts } from '../../src/app/panels/MountPanel.js';
import { collectLog, focusIndex, innerPids, propagation, stripTitleHeading } from '../../src/app/derive.js';
import { wrapPlain } from '../../src/app/textWrap.js';
import { FakeSession, HOST_MOUNTS, makeLesson, namespaceSteps } from './fakeSession.js';

describe('allocate', () => {
  it('gives minimums in priority order, then shares spare lines up to what each wants', () => {
    const h = allocate(10, [
      { key: 'a', min: 2, want: 3 },
      { key: 'b', min: 2, want: 20, weight: 2 },
      { key: 'c', min: 1, want: 1 },
    ]);
    expect(h).toEqual({ a: 3, b: 6, c: 1 });
  });

  it('drops sections whose minimum no longer fits and never exceeds the total', () => {
    const h = allocate(5, [
      { key: 'a', min: 3, want: 10 },
      { key: 'b', min: 4, want: 4 },
      { key: 'c', min: 1, want: 2 },
    ]);
    expect(h.b).toBe(0);
    expect(h.a + h.b + h.c).toBe(5);
  });

  it('gives nothing to a section that wants nothing', () => {
    expect(allocate(10, [{ key: 'a', min: 2, want: 0 }]).a).toBe(0);
  });
});

describe('splitColumns', () => {
  it('stacks below the threshold and splits above it', () => {
    expect(splitColumns(80).twoColumns).toBe(false);
    const wide = splitColumns(160);
    expect(wide.twoColumns).toBe(true);
    expect(wide.left + wide.gap + wide.right).toBe(160);
    expect(splitColumns(TWO_COLUMN_MIN).twoColumns).toBe(true);
  });
});

describe('stepWindow', () => {
  it('shows everything that fits, otherwise a window around the current step', () => {
    expect(stepWindow(3, 0, -1, 5)).toEqual([0, 3]);
    expect(stepWindow(10, 7, 6, 3)).toEqual([6, 9]);
    expect(stepWindow(10, 9, 8, 3)).toEqual([7, 10]);
  });
});

describe('pickMounts', () => {
  const added = { ...HOST_MOUNTS[5], mountId: 412, mountPoint: '/run/container-lab/s-1a2b/scratch', added: true };
  const newer = { ...HOST_MOUNTS[2], mountId: 413, mountPoint: '/proc', added: true };
  const all = [...HOST_MOUNTS.map((m) => ({ ...m, added: false })), added, newer];

  it('keeps table order when all fit', () => {
    expect(pickMounts(all, 20).shown.map((m) => m.mountId)).toEqual(all.map((m) => m.mountId));
  });

  it('puts added mounts first, newest first, when space is short', () => {
    const { shown, more } = pickMounts(all, 3);
    expect(shown.map((m) => m.mountId)).toEqual([413, 412, 22]);
    expect(more).toBe(all.length - 3);
  });
});

describe('derive', () => {
  it('reads propagation from optional fields', () => {
    expect(propagation({ optionalFields: ['shared:1'] })).toBe('shared:1');
    expect(propagation({ optionalFields: [] })).toBe('private');
    expect(propagation({ optionalFields: ['master:3'] })).toBe('master:3');
  });

  it('shows the PIDs inside nested namespaces', () => {
    const p = { hostPid: 48213, nsPids: [48213, 1], ppid: 1, name: 'sh', cmdline: '', uid: 0, uidInside: 0, role: 'x' };
    expect(innerPids(p)).toBe('1');
    expect(innerPids({ ...p, nsPids: [48213] })).toBe('–');
  });

  it('focuses the last step that ran and collects the log in order', async () => {
    const s = new FakeSession(makeLesson('ns', 1, 'NS', namespaceSteps()), namespaceSteps());
    expect(focusIndex(s.getState())).toBe(-1);
    await s.next();
    await s.next();
    expect(focusIndex(s.getState())).toBe(1);
    const log = collectLog(s.getState());
    expect(log.map((l) => l.entry.call)).toEqual(['unshare', 'mount', 'spawn', 'sethostname']);
    expect(log.filter((l) => l.latest).map((l) => l.entry.call)).toEqual(['sethostname']);
  });

  it('drops a first heading that only repeats the title', () => {
    expect(stripTitleHeading('## Its own hostname\n\ntext', 'Its own hostname')).toBe('text');
    expect(stripTitleHeading('## Something else\n\ntext', 'Its own hostname')).toContain('Something else');
  });

  it('wraps plain text with a hanging indent', () => {
    expect(wrapPlain('hint: run the lab as root please', 14, '      ')).toEqual(['hint: run the', '      lab as', '      root', '      please']);
  });
});
