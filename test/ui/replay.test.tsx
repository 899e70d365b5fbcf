// A replay in the app: the REPLAY banner on top of the menu, the lesson and the help, at 80 and 160 columns; → walks the recorded steps.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { App } from '../../src/app/App.js';
import { replayBanner } from '../../src/record/banner.js';
import { readRecording } from '../../src/record/reader.js';
import { ReplayBackend } from '../../src/record/replayBackend.js';
import { ReplaySession } from '../../src/record/replaySession.js';
import type { LabBackend } from '../../src/types.js';
import { namespaceSteps } from './fakeSession.js';
import { fakeLesson, lessonEvents, META, recordLines, tempRecording } from '../support/fakeRecording.js';
import { KEY, lines, press, renderAt, wait, widest } from './harness.js';

afterEach(() => cleanup());

const BANNER = replayBanner(META);

const fakeRecording = () => readRecording(tempRecording(recordLines(fakeLesson(), lessonEvents(namespaceSteps()))));

function replayApp(initial: boolean) {
  const recording = fakeRecording();
  const backend = new ReplayBackend(recording, { play: false });
  return <App backend={backend} initialLessonId={initial ? recording.lesson.id : undefined} askConsent={false} banner={BANNER} onExit={() => {}} />;
}

describe('replay banner', () => {
  it('says what it is in one line', () => {
    expect(BANNER[0]).toBe('REPLAY — recorded 2025-05-01 on 6.8.0-45-generic, cgroup v2 (systemd); nothing here runs');
  });

  for (const [columns, rows] of [[80, 24], [160, 45]] as const) {
    it(`${columns}×${rows}: on the menu, the lesson and the help, on the first line, never wider than the terminal`, async () => {
      const r = await renderAt(replayApp(false), columns, rows);
      const top = () => lines(r)[0];
      const check = (screen: string) => {
        expect(top(), screen).toMatch(/^REPLAY — (recorded )?2025-05-01(,| on) 6\.8\.0-45-generic/);
        // the whole banner where it fits; a narrower one keeps "nothing runs" whole
        if (columns >= BANNER[0].length) expect(top()).toBe(BANNER[0]);
        else expect(top()).toMatch(/; nothing runs$/);
        expect(widest(r)).toBeLessThanOrEqual(columns);
        expect(lines(r).length).toBeLessThanOrEqual(rows);
      };
      expect(lines(r).join('\n')).toContain('2. Namespaces');
      check('menu');
      await press(r, '?');
      check('help over the menu');
      await press(r, KEY.esc);
      await press(r, KEY.enter, 100);
      expect(lines(r).join('\n')).toMatch(/0\/3 steps done/);
      check('lesson');
      await press(r, KEY.right, 60);
      expect(lines(r).join('\n')).toMatch(/1\/3 steps done/);
      check('lesson, a step on');
      await press(r, '?');
      check('help over the lesson');
      await press(r, KEY.esc);
      await press(r, 's');
      expect(lines(r).join('\n')).toContain('this is a replay: there is no container');
      check('lesson with the notice');
    });
  }

  it('opens the recorded lesson straight away, and steps back with ←', async () => {
    const r = await renderAt(replayApp(true), 160, 45);
    await wait(100);
    expect(lines(r)[0]).toBe(BANNER[0]);
    expect(lines(r).join('\n')).toMatch(/0\/3 steps done/);
    await press(r, KEY.right, 60);
    await press(r, KEY.right, 60);
    expect(lines(r).join('\n')).toMatch(/2\/3 steps done/);
    await press(r, KEY.left, 60);
    expect(lines(r).join('\n')).toMatch(/1\/3 steps done/);
    // g N Enter: to the recorded step N
    await press(r, 'g');
    await press(r, '3');
    await press(r, KEY.enter, 80);
    expect(lines(r).join('\n')).toMatch(/3\/3 steps done/);
    expect(lines(r)[0]).toBe(BANNER[0]);
  });

  it('the keys in a replay\'s words: the footer and the help say nothing runs', async () => {
    const r = await renderAt(replayApp(true), 160, 45);
    await wait(100);
    const f = lines(r).join('\n');
    expect(f).toContain('→/Enter next recorded step');
    expect(f).toContain('s no shell');
    expect(f).not.toMatch(/run next step|shell in container/);
    await press(r, '?');
    const help = lines(r).join('\n');
    expect(help).toContain('the next recorded step (played, nothing runs)');
    expect(help).toContain('Reading the panels (as recorded; nothing is read now)');
    expect(help).toContain('go to recorded step N');
    expect(help).not.toMatch(/for real|live, read from the kernel|runs the steps/);
  });

  it('a replayed lesson opened from an app without a banner (the menu\'s fallback) brings its own, for as long as it is open', async () => {
    const recording = fakeRecording();
    const backend: LabBackend = {
      lessons: [recording.lesson],
      loadErrors: [],
      privilegeNote: null,
      unavailable: () => null,
      open: async () => new ReplaySession(recording, { play: false }),
    };
    const r = await renderAt(<App backend={backend} askConsent={false} onExit={() => {}} />, 80, 24);
    expect(lines(r)[0]).not.toMatch(/REPLAY/);
    await press(r, KEY.enter, 100);
    expect(lines(r)[0]).toMatch(/^REPLAY — (recorded )?2025-05-01.*; nothing runs$/);
    expect(lines(r).length).toBeLessThanOrEqual(24);
    await press(r, KEY.esc, 100);
    expect(lines(r).join('\n')).toContain('2. Namespaces');
    expect(lines(r)[0]).not.toMatch(/REPLAY/);
  });
});
