// The step just run shows its checks (✓/✗ and their words) and its output at 80×24 and 160×45, beside a long slide and a full cgroup panel.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { App } from '../../src/app/App.js';
import { loadLessons } from '../../src/lesson/loadLessons.js';
import { lessonsDir } from '../../src/sys/packageRoot.js';
import type { CheckResult, Lesson } from '../../src/types.js';
import { CG_LOADED, cgroupFilesV2, createFakeBackend, entry, namespaceSteps, type FakeStep } from './fakeSession.js';
import { frame, KEY, lines, press, renderAt } from './harness.js';

afterEach(() => cleanup());

const lesson = loadLessons(lessonsDir({})).lessons.find((l) => l.id === 'cgroups')!;

const PASSED: CheckResult[] = [
  { name: 'memory-limit', ok: true, detail: 'memory.max reads 33554432' },
  { name: 'swap-limit', ok: true, detail: 'memory.swap.max reads 0' },
];
const FAILED: CheckResult = { name: 'oom-killed', ok: false, detail: 'memory.events oom_kill reads 0, expected 1 or more' };
const OUTPUT = ['hog: 2 MiB', 'hog: 4 MiB', 'hog: 6 MiB', 'hog: 8 MiB', 'hog: killed at 32 MiB'];

/** The real cgroups lesson (its long slides) with a loaded cgroup: each step passes two checks; step 4 fails a third, having printed five lines. */
function script(l: Lesson): FakeStep[] {
  const ns = namespaceSteps()[0].snapshot!;
  return l.steps.map((s, i) => ({
    title: s.title,
    slide: s.slide,
    action: s.action,
    log: [entry('write', [`"/sys/fs/cgroup/x${i}"`, '"1"', '1'])],
    checks: i === 3 ? [...PASSED, FAILED] : PASSED,
    output: i === 3 ? OUTPUT : [],
    ...(i === 3 ? { error: `check failed: ${FAILED.name} — ${FAILED.detail}` } : {}),
    snapshot: (prev) => ({ ...ns(prev), cgroupFiles: cgroupFilesV2(CG_LOADED) }),
  }));
}

async function afterFourSteps(columns: number, rows: number) {
  const backend = createFakeBackend({ lessons: [lesson], scripts: { [lesson.id]: script(lesson) } });
  const r = await renderAt(<App backend={backend} onExit={vi.fn()} />, columns, rows);
  await press(r, KEY.enter, 40);
  for (let i = 0; i < 3; i++) {
    await press(r, KEY.right, 15);
    // each step's own checks, with their words
    expect(frame(r), `step ${i + 1}`).toMatch(new RegExp(`Checks step ${i + 1}: 2/2 passed`));
    for (const c of PASSED) expect(frame(r)).toContain(`✓ ${c.name} — ${c.detail}`);
  }
  await press(r, KEY.right, 15);
  return r;
}

describe('the step just run: its checks and output', () => {
  for (const [columns, rows] of [
    [80, 24],
    [160, 45],
  ] as const) {
    it(`at ${columns}×${rows}: every check with ✓ or ✗ and its words, and the output's last line, beside the long slide and the cgroup panel`, async () => {
      const r = await afterFourSteps(columns, rows);
      const f = frame(r);
      expect(f).toMatch(/Step 4\/9 · A memory limit/);
      expect(f).toContain('Checks step 4: 2/3 passed');
      expect(f).not.toContain('+1 more');
      for (const c of PASSED) expect(f).toContain(`✓ ${c.name} — ${c.detail}`);
      // the failed check's words, whole (wrapped on a narrow screen)
      expect(f.replace(/\n\s+/g, ' ')).toContain(`✗ ${FAILED.name} — ${FAILED.detail}`);
      expect(f).toContain('hog: killed at 32 MiB');
      expect(f).toContain('cgroup /sys/fs/cgroup/container-lab-1a2b');
      expect(f).toContain('memory.max');
      expect(lines(r).length).toBeLessThanOrEqual(rows);
      if (columns === 160) {
        // wide, everything fits: all the output and the slide whole
        for (const line of OUTPUT) expect(f).toContain(line);
        expect(f).not.toMatch(/lines \d+–\d+ of/);
      }
    });
  }

  it('at 80×24 the slide gave way and says so: ↓ reads it with the panels folded to a line that still counts the checks, p opens them again', async () => {
    const r = await afterFourSteps(80, 24);
    expect(frame(r)).toMatch(/^lines 1–\d+ of 11 ↓ · ↓ reads on, the panels fold$/m);
    expect(frame(r)).toMatch(/↑↓ scroll {2}p panels/);
    await press(r, KEY.down, 15);
    let f = frame(r);
    expect(f).toMatch(/^Panels \(p opens\) .*checks 2\/3 ✗/m);
    expect(f).not.toContain('Checks step 4');
    expect(f).toMatch(/p panels/);
    await press(r, 'p', 15);
    f = frame(r);
    expect(f).toContain('Checks step 4: 2/3 passed');
    expect(f).toContain(`✗ ${FAILED.name}`);
    expect(f).toContain('hog: killed at 32 MiB');
  });
});
