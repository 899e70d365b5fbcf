// UI tests for the cgroup and layers panels: real v2 and v1 file names, overlay markers, fit at 80×24 and 160×45.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import { App } from '../../src/app/App.js';
import { splitColumns } from '../../src/app/layout.js';
import { cgroupDirNote, cgroupRow, cgroupRowSegs, CgroupPanel, pickCgroupRows } from '../../src/app/panels/CgroupPanel.js';
import { humanBytes } from '../../src/format/units.js';
import { cgroupPlace, interpretCgroup, interpretCgroupFile, parseBytes } from '../../src/observe/interpret/cgroupReading.js';
import { fitPaths, LayersPanel, packEntries } from '../../src/app/panels/LayersPanel.js';
import { commonDir, interpretLayers, lowersShared, upperEntries } from '../../src/observe/interpret/layersReading.js';
import { segText } from '../../src/format/seg.js';
import { stripAnsi, visibleLength } from '../../src/app/textWrap.js';
import type { CgroupFile } from '../../src/types.js';
import {
  C1_CHANGES,
  CG_FRESH,
  CG_LOADED,
  cgroupFilesV1,
  cgroupFilesV2,
  cgroupSteps,
  containerByHandSteps,
  createFakeBackend,
  type FakeStep,
  makeLesson,
  overlay,
  overlaySteps,
} from './fakeSession.js';
import { frame, KEY, lines, press, renderAt } from './harness.js';

afterEach(() => cleanup());

/** The app at `columns`×`rows` on a one-lesson backend, after `steps` steps ran. */
async function lessonAfter(script: () => FakeStep[], steps: number, columns: number, rows: number) {
  const backend = createFakeBackend({
    lessons: [makeLesson('lab', 1, 'The lab', script())],
    scripts: { lab: script() },
  });
  const r = await renderAt(<App backend={backend} onExit={() => {}} />, columns, rows);
  await press(r, KEY.enter, 50);
  for (let i = 0; i < steps; i++) await press(r, KEY.right, 50);
  return r;
}

/** No line wider than the terminal, no more lines than rows. */
function expectFits(r: Parameters<typeof frame>[0], columns: number, rows: number): void {
  const all = lines(r);
  for (const line of all) expect(visibleLength(line), line).toBeLessThanOrEqual(columns);
  expect(all.length).toBeLessThanOrEqual(rows);
}

/** A file's reading as the panel draws it. */
const describeCgroupFile = (f: CgroupFile, all: CgroupFile[]) => cgroupRow(interpretCgroupFile(f, all));

const file = (files: CgroupFile[], name: string): CgroupFile => {
  const f = files.find((x) => x.name === name);
  if (!f) throw new Error(`no ${name}`);
  return f;
};

describe('cgroup values', () => {
  it('formats byte counts next to the raw value, and knows both ways of saying "no limit"', () => {
    expect(humanBytes(33554432)).toBe('32.0 MiB');
    expect(humanBytes(10813440)).toBe('10.3 MiB');
    expect(humanBytes(512)).toBe('512 B');
    expect(parseBytes('max')).toBe(Infinity);
    expect(parseBytes('9223372036854771712')).toBe(Infinity);
    expect(parseBytes('33554432')).toBe(33554432);
    const v1 = cgroupFilesV1(CG_LOADED);
    const memsw = describeCgroupFile(file(v1, 'memory.memsw.limit_in_bytes'), v1);
    expect(memsw.notes).toEqual(['memory+swap limit', 'no limit']);
    expect(segText(memsw.value)).toBe('9223372036854771712');
  });

  it('works out usage against the limit, and CPU quota as a share of a CPU (v2 and v1)', () => {
    const v2 = cgroupFilesV2(CG_LOADED);
    const usage = describeCgroupFile(file(v2, 'memory.current'), v2);
    expect(usage.notes).toEqual(['usage', '10.3 MiB', '32% of memory.max']);
    expect(usage.fraction).toBeCloseTo(10813440 / 33554432);
    expect(describeCgroupFile(file(v2, 'cpu.max'), v2).notes).toEqual(['CPU limit', '20% of a CPU', '20 ms every 100 ms']);
    const v1 = cgroupFilesV1(CG_LOADED);
    expect(describeCgroupFile(file(v1, 'cpu.cfs_quota_us'), v1).notes).toEqual(['CPU limit', '20% of a CPU', '20 ms every 100 ms']);
    const unlimited: CgroupFile[] = [
      { name: 'cpu.max', meaning: 'CPU limit', value: 'max 100000', dir: '/x' },
      { name: 'cpu.cfs_quota_us', meaning: 'CPU limit', value: '-1', dir: '/y' },
      { name: 'pids.max', meaning: 'process limit', value: 'max', dir: '/x' },
    ];
    for (const f of unlimited) expect(describeCgroupFile(f, unlimited).notes).toContain('no limit');
  });

  it('highlights OOM kills red and throttling yellow only when they are above zero', () => {
    const loaded = cgroupFilesV2(CG_LOADED);
    const events = describeCgroupFile(file(loaded, 'memory.events'), loaded);
    expect(events.alert).toBe('red');
    expect(events.value.find((s) => s.text === 'oom_kill 1')?.color).toBe('red');
    const stat = describeCgroupFile(file(loaded, 'cpu.stat'), loaded);
    expect(stat.alert).toBe('yellow');
    expect(stat.value.find((s) => s.text === 'nr_throttled 12')?.color).toBe('yellow');
    expect(stat.notes).toEqual(['throttled periods', '12 of 61 periods', '845.1 ms throttled']);
    const pids = describeCgroupFile(file(loaded, 'pids.current'), loaded);
    expect(pids.alert).toBe('yellow');

    const fresh = cgroupFilesV2(CG_FRESH);
    for (const f of fresh) expect(describeCgroupFile(f, fresh).alert, f.name).toBeNull();
    // v1: the same through memory.oom_control
    const v1 = cgroupFilesV1(CG_LOADED);
    const oom = describeCgroupFile(file(v1, 'memory.oom_control'), v1);
    expect(oom.value.find((s) => s.text === 'oom_kill 1')?.color).toBe('red');
  });

  it('keeps the raw value whole when it fits; a narrow row keeps whole pairs and marks the cut', () => {
    const v2 = cgroupFilesV2(CG_LOADED);
    const events = describeCgroupFile(file(v2, 'memory.events'), v2);
    const wide = segText(cgroupRowSegs(events, 14, 120));
    expect(wide).toBe('memory.events   low 0 high 0 max 4 oom 1 oom_kill 1 oom_group_kill 0  (OOM kills)');
    const narrow = segText(cgroupRowSegs(events, 14, 60));
    expect(narrow).toBe('memory.events   max 4 oom 1 oom_kill 1 …  (OOM kills)');
  });

  it('draws the usage bar from the two values shown, only when it fits', () => {
    const v2 = cgroupFilesV2(CG_LOADED);
    const usage = describeCgroupFile(file(v2, 'memory.current'), v2);
    expect(segText(cgroupRowSegs(usage, 14, 120))).toBe(
      'memory.current  10813440  (usage, 10.3 MiB, 32% of memory.max)  ███░░░░░░░',
    );
    expect(segText(cgroupRowSegs(usage, 14, 70))).not.toContain('█');
  });

  it('names the directory, or the v1 hierarchies it is repeated in', () => {
    expect(cgroupDirNote(cgroupPlace(cgroupFilesV2(CG_FRESH).map((f) => f.dir)), 60)).toBe('/sys/fs/cgroup/container-lab-1a2b');
    expect(cgroupDirNote(cgroupPlace(cgroupFilesV1(CG_FRESH).map((f) => f.dir)), 60)).toBe(
      '/sys/fs/cgroup/*/container-lab-1a2b · 3 hierarchies',
    );
  });

  it('short of lines keeps the limits and their counters, in file order', () => {
    const v1 = cgroupFilesV1(CG_LOADED);
    const rows = v1.map((f) => describeCgroupFile(f, v1));
    expect(pickCgroupRows(rows, 7).map((r) => r.file.name)).toEqual([
      'memory.limit_in_bytes',
      'memory.usage_in_bytes',
      'memory.oom_control',
      'cpu.cfs_quota_us',
      'cpu.stat',
      'pids.max',
      'pids.current',
    ]);
  });

  it('draws nothing without cgroup files', () => {
    expect(render(<CgroupPanel reading={interpretCgroup([])} width={80} height={10} />).lastFrame()).toBe('');
    expect(render(<CgroupPanel reading={undefined} width={80} height={10} />).lastFrame()).toBe('');
  });
});

describe('layers values', () => {
  const o1 = overlay('c1', C1_CHANGES);

  it('abbreviates paths under the directory they share', () => {
    expect(commonDir([o1.merged, o1.upper, o1.work, ...o1.lower])).toBe('/run/container-lab/session-1a2b/');
    expect(commonDir(['/a/x', '/b/y'])).toBe('');
  });

  it('says the lowers are shared only when the stacks are equal', () => {
    expect(lowersShared([o1, overlay('c2', [])])).toBe(true);
    expect(lowersShared([o1])).toBe(false);
    expect(lowersShared([o1, { ...overlay('c2', []), lower: [o1.lower[1]] }])).toBe(false);
  });

  it('packs upper entries, whiteouts and opaque dirs first when they do not all fit', () => {
    const packed = packEntries(upperEntries(C1_CHANGES, o1.upper), 70, 1).map(segText);
    expect(packed).toEqual(['  w etc/motd (whiteout 0:0)  o usr/share/doc/ (opaque dir)  +6 more']);
    for (const line of packEntries(upperEntries(C1_CHANGES, o1.upper), 40, 2).map(segText)) expect([...line].length).toBeLessThanOrEqual(40);
  });

  it('shows two overlays with different lowers each with its own stack', () => {
    const other = { ...overlay('c2', []), lower: [o1.lower[1]] };
    const f = stripAnsi(render(<LayersPanel reading={interpretLayers([o1, other])} width={100} height={30} />).lastFrame() ?? '');
    expect(f).toContain('Layers 2 overlays · in /run/container-lab/session-1a2b/');
    expect(f).not.toContain('shared');
    expect(f).toMatch(/lower\s+layers\/1 \(top\)\s+read-only, top to bottom\n\s+layers\/0 \(base\)/);
    expect(f).toMatch(/merged c2\/merged[^\n]*\nupper  c2\/upper[^\n]*\nlower  layers\/0 \(base\)/);
    expect(f).toContain('upper is empty: nothing changed yet');
  });

  it('keeps the tails of long paths when they share a line', () => {
    expect(fitPaths(['c1/merged', 'c1/upper'], 40)).toEqual(['c1/merged', 'c1/upper']);
    const fitted = fitPaths(['/var/cache/container-lab/image/layers/sha256-1f2e3d', 'c1/upper'], 30);
    expect(fitted[1]).toBe('c1/upper');
    expect([...fitted[0]].length).toBe(22);
    expect(fitted[0].endsWith('sha256-1f2e3d')).toBe(true);
  });

  it('fits layers that live apart from the upper dir (no common directory) into 80 columns', () => {
    const apart = {
      ...overlay('c1', C1_CHANGES),
      lower: ['/var/cache/container-lab/image/layers/sha256-9a8b7c6d5e4f', '/var/cache/container-lab/image/layers/sha256-1f2e3d4c5b6a'],
    };
    for (const height of [6, 30]) {
      const f = stripAnsi(render(<LayersPanel reading={interpretLayers([apart])} width={80} height={height} />).lastFrame() ?? '');
      for (const line of f.split('\n')) expect(visibleLength(line), line).toBeLessThanOrEqual(80);
      expect(f).toContain('(base)');
      expect(f).toContain('c1/upper');
      expect(f).not.toContain(' · in ');
    }
  });

  it('copes with an upper dir of thousands of entries', () => {
    const many = Array.from({ length: 5000 }, (_, i) => ({ path: `usr/lib/file-${i}`, kind: 'file' as const }));
    const entries = [...many, { path: 'etc/motd', kind: 'whiteout' as const }];
    const packed = packEntries(upperEntries(entries, '/u'), 80, 3).map(segText);
    expect(packed).toHaveLength(3);
    expect(packed[0]).toMatch(/^ {2}w etc\/motd \(whiteout 0:0\) {2}\+ usr\/lib\/file-0/);
    expect(packed[2]).toMatch(/\+\d+ more$/);
    const f = stripAnsi(render(<LayersPanel reading={interpretLayers([overlay('c1', entries)])} width={80} height={8} />).lastFrame() ?? '');
    expect(f.split('\n')).toHaveLength(8);
  });

  it('draws nothing without overlays', () => {
    expect(render(<LayersPanel reading={interpretLayers([])} width={80} height={10} />).lastFrame()).toBe('');
  });
});

describe('cgroup panel on the lesson screen', () => {
  it('shows nothing before the lesson makes a cgroup', async () => {
    const r = await lessonAfter(() => cgroupSteps('v2'), 0, 80, 24);
    expect(lines(r).some((l) => l.startsWith('cgroup '))).toBe(false);
    expect(frame(r)).not.toContain('memory.max');
  });

  it('at 80×24 (v2): limits, usage, OOM kills, throttling and pids with their real names', async () => {
    const r = await lessonAfter(() => cgroupSteps('v2'), 2, 80, 24);
    expectFits(r, 80, 24);
    const f = frame(r);
    expect(f).toContain('cgroup /sys/fs/cgroup/container-lab-1a2b');
    expect(f).toMatch(/memory\.max\s+33554432\s+\(memory limit, 32\.0 MiB\)/);
    expect(f).toMatch(/memory\.current\s+10813440\s+\(usage, 10\.3 MiB, 32% of memory\.max\)/);
    expect(f).toMatch(/memory\.events\s+max 4 oom 1 oom_kill 1 …\s+\(OOM kills\)/);
    expect(f).toMatch(/cpu\.max\s+20000 100000\s+\(CPU limit, 20% of a CPU, 20 ms every 100 ms\)/);
    expect(f).toMatch(/cpu\.stat\s+nr_throttled 12 …\s+\(throttled periods/);
    expect(f).toMatch(/pids\.max\s+16\s+\(process limit\)/);
    expect(f).toMatch(/pids\.current\s+16\s+\(processes, at pids\.max/);
    // the lesson itself is still on screen
    expect(f).toContain('Step 2/2 · Hitting the limits');
    expect(f).toContain('Syscalls');
  });

  it('at 80×24 (v1 hybrid): the v1 names, one directory per hierarchy', async () => {
    const r = await lessonAfter(() => cgroupSteps('v1'), 2, 80, 24);
    expectFits(r, 80, 24);
    const f = frame(r);
    expect(f).toContain('cgroup /sys/fs/cgroup/*/container-lab-1a2b · 3 hierarchies');
    expect(f).toMatch(/memory\.limit_in_bytes\s+33554432\s+\(memory limit, 32\.0 MiB\)/);
    expect(f).toMatch(/memory\.usage_in_bytes\s+30412800\s+\(usage, 29\.0 MiB, 91% of memory\.limit_in_bytes\)/);
    expect(f).toMatch(/memory\.oom_control\s+oom_kill_disable 0 under_oom 0 oom_kill 1\s+\(OOM kills\)/);
    expect(f).toMatch(/cpu\.cfs_quota_us\s+20000\s+\(CPU limit, 20% of a CPU/);
    expect(f).toMatch(/pids\.current\s+16/);
  });

  it('at 160×45 it sits in the right column with every file and the usage bar', async () => {
    const r = await lessonAfter(() => cgroupSteps('v2'), 2, 160, 45);
    expectFits(r, 160, 45);
    const { left, gap } = splitColumns(160);
    const all = lines(r);
    const row = (name: string): string => {
      const line = all.find((l) => l.slice(left + gap).startsWith(`${name} `));
      expect(line, name).toBeDefined();
      return (line ?? '').slice(left + gap);
    };
    expect(all.find((l) => l.includes('cgroup /sys/fs/cgroup/container-lab-1a2b'))?.indexOf('cgroup /')).toBe(left + gap);
    expect(row('memory.max')).toMatch(/^memory\.max\s+33554432\s+\(memory limit, 32\.0 MiB\)$/);
    expect(row('memory.current')).toMatch(/10813440\s+\(usage, 10\.3 MiB, 32% of memory\.max\)\s+███░░░░░░░$/);
    expect(row('memory.events')).toContain('low 0 high 0 max 4 oom 1 oom_kill 1 oom_group_kill 0  (OOM kills)');
    expect(row('cpu.stat')).toContain('nr_throttled 12');
    expect(row('pids.events')).toContain('max 3  (forks refused)');
    expect(row('memory.swap.max')).toMatch(/^memory\.swap\.max\s+max\s+\(swap limit, no limit\)$/);
    expect(row('memory.peak')).toMatch(/^memory\.peak\s+33554432\s+\(peak usage, 32\.0 MiB\)$/);
    for (const name of ['cpu.max', 'pids.max', 'pids.current']) row(name);
  });

  it('at 160×45 (v1) every file is listed, "no limit" next to the raw sentinel', async () => {
    const r = await lessonAfter(() => cgroupSteps('v1'), 2, 160, 45);
    expectFits(r, 160, 45);
    const f = frame(r);
    expect(f).toMatch(/memory\.memsw\.limit_in_bytes\s+9223372036854771712\s+\(memory\+swap limit, no limit\)/);
    expect(f).toMatch(/cpu\.cfs_period_us\s+100000\s+\(CPU period, 100 ms\)/);
    expect(f).toMatch(/memory\.failcnt\s+116/);
    expect(f).toMatch(/memory\.max_usage_in_bytes\s+33554432\s+\(peak usage, 32\.0 MiB\)/);
    expect(f).toMatch(/cpuacct\.usage\s+412345678\s+\(CPU time used \(ns\), 412\.3 ms\)/);
    expect(f).toMatch(/pids\.events\s+max 3\s+\(forks refused\)/);
    // all 13 files: the title counts none left out
    expect(f).toMatch(/cgroup \/sys\/fs\/cgroup\/\*\/container-lab-1a2b · 3 hierarchies ─/);
  });
});

describe('layers panel on the lesson screen', () => {
  it('shows nothing before an overlay is mounted', async () => {
    const r = await lessonAfter(overlaySteps, 0, 80, 24);
    expect(frame(r)).not.toContain('Layers');
  });

  it('at 80×24: the stack, and upper entries with their markers', async () => {
    const r = await lessonAfter(overlaySteps, 2, 80, 24);
    expectFits(r, 80, 24);
    const f = frame(r);
    expect(f).toContain('Layers overlay · in /run/container-lab/session-1a2b/');
    expect(f).toContain('merged c1/merged · upper c1/upper · work c1/work');
    expect(f).toContain('lower layers/1 (top) › layers/0 (base)');
    expect(f).toContain('+ new.txt');
    expect(f).toContain('+ etc/hostname');
    expect(f).toContain('w etc/motd (whiteout 0:0)');
    expect(f).toContain('o usr/share/doc/ (opaque dir)');
    expect(f).toContain('+ bin/sh (symlink)');
    // the mount table gave way but still shows the overlay mount
    expect(f).toMatch(/\+ overlay\s+private\s+\/run\/container-lab\/session-1a2b\/c1\/merged/);
  });

  it('at 80×24 two overlays over the same lowers: both, and "lower layers shared"', async () => {
    const r = await lessonAfter(overlaySteps, 3, 80, 24);
    expectFits(r, 80, 24);
    const f = frame(r);
    expect(f).toContain('Layers 2 overlays · lower layers shared');
    expect(f).toContain('lower  layers/1 (top) › layers/0 (base)  (shared)');
    expect(f).toContain('merged c1/merged · upper c1/upper · work c1/work');
    expect(f).toContain('merged c2/merged · upper c2/upper · work c2/work');
    // short of room the whiteout and the opaque dir stay, the rest is counted
    expect(f).toContain('w etc/motd (whiteout 0:0)  o usr/share/doc/ (opaque dir)  +6 more');
    expect(f).toContain('+ hello.txt');
  });

  it('at 160×45 it sits in the right column, one entry per line with a legend', async () => {
    const r = await lessonAfter(overlaySteps, 3, 160, 45);
    expectFits(r, 160, 45);
    const { left, gap } = splitColumns(160);
    const right = lines(r).map((l) => l.slice(left + gap).trimEnd());
    const at = (text: string): number => right.findIndex((l) => l === text || l.startsWith(text));
    expect(right[at('Layers 2 overlays · lower layers shared · in /run/container-lab/session-1a2b/')]).toBeDefined();
    const lower = at('lower  layers/1 (top)  read-only, top to bottom, shared by all 2');
    expect(lower).toBeGreaterThan(0);
    expect(right[lower + 1]).toBe('       layers/0 (base)');
    const c1 = at('merged c1/merged');
    expect(right.slice(c1, c1 + 3)).toEqual([
      'merged c1/merged  the union view',
      'upper  c1/upper  read-write: changes land here',
      'work   c1/work',
    ]);
    expect(right.slice(c1 + 3, c1 + 11)).toEqual([
      '  + etc/',
      '  + etc/hostname',
      '  w etc/motd (whiteout 0:0)',
      '  + new.txt',
      '  + usr/',
      '  + usr/share/',
      '  o usr/share/doc/ (opaque dir)',
      '  + bin/sh (symlink)',
    ]);
    expect(at('merged c2/merged')).toBeGreaterThan(c1);
    expect(right).toContain('  + hello.txt');
  });

  it('at 160×45 with one overlay and a line to spare, a legend for the markers', async () => {
    const r = await lessonAfter(overlaySteps, 2, 160, 45);
    expectFits(r, 160, 45);
    const { left, gap } = splitColumns(160);
    const right = lines(r).map((l) => l.slice(left + gap).trimEnd());
    expect(right).toContain('lower  layers/1 (top)  read-only, top to bottom');
    expect(right).toContain('+ new or copied up · w whiteout (hides a lower file) · o opaque (hides the lower dir)');
  });
});

describe('both panels', () => {
  it('fit together at 80×24, 100×30 and 160×45', async () => {
    for (const [columns, rows] of [
      [80, 24],
      [100, 30],
      [160, 45],
    ] as const) {
      const r = await lessonAfter(containerByHandSteps, 4, columns, rows);
      expectFits(r, columns, rows);
      const f = frame(r);
      expect(f, `${columns}×${rows}`).toContain('cgroup /sys/fs/cgroup/container-lab-1a2b');
      expect(f, `${columns}×${rows}`).toContain('Layers 2 overlays · lower layers shared');
      expect(f).toMatch(/memory\.max\s+33554432/);
      expect(f).toContain('w etc/motd (whiteout 0:0)');
      cleanup();
    }
  });

  it('a tiny terminal (50×16) still shows a few lines of each, and nothing overflows', async () => {
    const cases: Array<[() => FakeStep[], number, string]> = [
      [() => cgroupSteps('v1'), 2, 'memory.limit_in_bytes  33554432'],
      [overlaySteps, 3, 'Layers 2 overlays · lower layers shared'],
      [containerByHandSteps, 4, 'memory.max      33554432'],
    ];
    for (const [script, steps, text] of cases) {
      const r = await lessonAfter(script, steps, 50, 16);
      expectFits(r, 50, 16);
      expect(frame(r)).toContain(text);
      cleanup();
    }
  });
});
