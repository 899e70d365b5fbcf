// Each recording the package ships, replayed by the app as it is now: every stop drawn at 80×24 under the banner, and the menu's fallback to it.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { join } from 'node:path';
import { App } from '../../src/app/App.js';
import { loadLessons } from '../../src/lesson/loadLessons.js';
import { replayBanner } from '../../src/record/banner.js';
import { withRecordings } from '../../src/record/fallbackBackend.js';
import { readRecording } from '../../src/record/reader.js';
import { ReplayBackend } from '../../src/record/replayBackend.js';
import { shippedRecordings } from '../../src/record/shipped.js';
import { packageRoot } from '../../src/sys/packageRoot.js';
import { createFakeBackend } from './fakeSession.js';
import { KEY, lines, press, renderAt, wait, widest } from './harness.js';

afterEach(() => cleanup());

const recordings = shippedRecordings(packageRoot());
const { lessons } = loadLessons(join(packageRoot(), 'lessons'));

describe('the shipped recordings in the app', () => {
  for (const [id, path] of recordings) {
    it(`${id}: every stop at 80×24, within the screen, under the banner`, async () => {
      const rec = readRecording(path);
      const n = rec.lesson.steps.length;
      const banner = replayBanner(rec.meta);
      const r = await renderAt(<App backend={new ReplayBackend(rec, { play: false })} initialLessonId={id} askConsent={false} banner={banner} onExit={() => {}} />, 80, 24);
      await wait(100);
      for (let k = 0; k <= n; k++) {
        const f = lines(r);
        expect(f.join('\n'), `${id} stop ${k}`).toMatch(new RegExp(`${k}/${n} steps done`));
        expect(f[0]).toMatch(/^REPLAY — .*nothing (here )?runs/);
        expect(widest(r)).toBeLessThanOrEqual(80);
        expect(f.length).toBeLessThanOrEqual(24);
        await press(r, KEY.right, 40);
      }
    }, 30_000);
  }

  it('a lesson that cannot run here: the menu offers its recording, says why, and Enter opens the replay with its banner and the reason', async () => {
    const lesson = lessons.find((l) => l.id === 'dockerd-to-runc')!;
    const live = createFakeBackend({ lessons: [lesson], unavailable: { 'dockerd-to-runc': 'needs dockerd (not installed)' } });
    const backend = withRecordings(live, recordings);
    const r = await renderAt(<App backend={backend} askConsent={false} onExit={() => {}} />, 160, 45);
    const menu = lines(r).join('\n');
    expect(menu).toContain("9. From dockerd to runc  (can't run here: needs dockerd (not installed) · Enter: its recording)");
    expect(menu).toContain('Enter replays a recording of it instead (labelled REPLAY; nothing runs)');
    expect(lines(r)[0]).not.toMatch(/REPLAY/);
    await press(r, KEY.enter, 150);
    const f = lines(r).join('\n');
    expect(lines(r)[0]).toMatch(/^REPLAY — recorded \d{4}-\d{2}-\d{2} on /);
    expect(f).toMatch(/0\/7 steps done/);
    expect(f).toContain("a recording: the live lesson can't run here (needs dockerd (not installed))");
    expect(live.opened).toEqual([]); // the live lesson never opened
    // → plays the recorded way to the next step, a second at most
    await press(r, KEY.right, 1300);
    expect(lines(r).join('\n')).toMatch(/1\/7 steps done/);
    await press(r, KEY.esc, 100);
    expect(lines(r)[0]).not.toMatch(/REPLAY/);
  });

  it('a lesson that can run here opens live, recording or not', async () => {
    const lesson = lessons.find((l) => l.id === 'namespaces')!;
    const live = createFakeBackend({ lessons: [lesson] });
    const r = await renderAt(<App backend={withRecordings(live, recordings)} askConsent={false} onExit={() => {}} />, 100, 30);
    expect(lines(r).join('\n')).not.toContain('Enter: its recording');
    await press(r, KEY.enter, 100);
    expect(live.opened).toEqual(['namespaces']);
    expect(lines(r)[0]).not.toMatch(/REPLAY/);
  });
});
