// The replay's stops (before the first step, after each step and the kernel read after it) and its keys: → ← r, jump, s.
import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../../src/lesson/reducer.js';
import type { RecordedItem, Recording } from '../../../src/record/reader.js';
import { NO_SHELL_NOTICE, PLAY_CAP_MS, ReplaySession } from '../../../src/record/replaySession.js';
import { replayStops } from '../../../src/record/stops.js';
import { namespaceSteps, NEW_NS } from '../../ui/fakeSession.js';
import { fakeLesson, lessonEvents, META } from '../../support/fakeRecording.js';

function recording(events: Array<{ at: number; event: SessionEvent }>): Recording {
  const items: RecordedItem[] = [{ t: 0, kind: 'open' }, ...events.map((e) => ({ t: e.at / 1000, kind: 'event' as const, event: e.event }))];
  return { meta: META, lesson: fakeLesson(), width: 80, height: 24, items };
}

const uts = (s: ReturnType<ReplaySession['getState']>) => s.snapshot?.namespaces.find((r) => r.type === 'uts')?.container;

describe('replay stops', () => {
  it('one before the first step and one after each step, with the snapshot read after it', () => {
    const rec = recording(lessonEvents(namespaceSteps()));
    const stops = replayStops(rec.lesson, rec.items);
    expect(stops.map((s) => s.state.cursor)).toEqual([0, 1, 2, 3]);
    expect(stops[0].state.snapshot?.processes).toHaveLength(1);
    expect(uts(stops[1].state)).toBe(NEW_NS.uts);
    expect(stops[2].state.snapshot?.hostname.container).toBe('lab');
    expect(stops[3].state.snapshot?.mounts.some((m) => m.added && m.fsType === 'tmpfs')).toBe(true);
    expect(stops.every((s) => !s.state.busy && !s.state.inShell && s.state.activity === null)).toBe(true);
  });

  it('a step whose kernel state did not change (no read recorded) stops before the next step starts; an undo and a failed step stop too', () => {
    const steps = namespaceSteps(true);
    delete steps[1].snapshot;
    const events = lessonEvents(steps);
    const t = events[events.length - 1].at;
    // the presenter pressed ←: the rebuild's events, then the read after it
    const run = events.find((e) => e.event.type === 'step-finished')!.event;
    const snap = events.filter((e) => e.event.type === 'snapshot')[1].event;
    events.push(
      { at: t + 1000, event: { type: 'activity', text: 'undoing: rebuilding steps 1–1 from the start', busy: true } },
      { at: t + 1001, event: { type: 'rewound', cursor: 0 } },
      { at: t + 1002, event: { type: 'step-started', index: 0 } },
      { at: t + 1010, event: run },
      { at: t + 1011, event: { type: 'activity', text: null, busy: false } },
      { at: t + 1012, event: snap },
    );
    const rec = recording(events);
    const stops = replayStops(rec.lesson, rec.items);
    expect(stops.map((s) => `${s.state.cursor}:${s.state.steps.map((r) => r.status[0]).join('')}`)).toEqual(['0:ppp', '1:dpp', '2:ddp', '2:ddf', '1:dpp']);
  });

  it('the shell a presenter opened is not replayed: no stop has the shell open', () => {
    const events = lessonEvents(namespaceSteps());
    const t = events[events.length - 1].at;
    events.push({ at: t + 1, event: { type: 'shell', open: true } });
    const stops = replayStops(recording(events).lesson, recording(events).items);
    expect(stops[stops.length - 1].state.inShell).toBe(false);
  });
});

describe('ReplaySession', () => {
  const session = (o = {}) => new ReplaySession(recording(lessonEvents(namespaceSteps())), { play: false, ...o });

  it('→ goes to the next stop, ← to the one before, r to the first; the ends stay put', async () => {
    const s = session();
    let told = 0;
    s.subscribe(() => told++);
    expect(s.getState().cursor).toBe(0);
    await s.back();
    expect(s.getState().cursor).toBe(0);
    await s.next();
    expect(s.getState().cursor).toBe(1);
    expect(uts(s.getState())).toBe(NEW_NS.uts);
    await s.next();
    await s.next();
    await s.next();
    expect(s.getState().cursor).toBe(3);
    await s.back();
    expect(s.getState().cursor).toBe(2);
    await s.reset();
    expect(s.getState().cursor).toBe(0);
    expect(told).toBeGreaterThan(0);
  });

  it('jump(n) goes to the stop with n steps done; past the end to the last', async () => {
    const s = session();
    await s.jump(2);
    expect(s.getState().cursor).toBe(2);
    expect(s.getState().snapshot?.hostname.container).toBe('lab');
    await s.jump(0);
    expect(s.getState().cursor).toBe(0);
    await s.jump(9);
    expect(s.getState().cursor).toBe(3);
  });

  it('s says there is no container to open a shell in; close does nothing', async () => {
    const s = session();
    await s.shell();
    expect(s.getState().notice).toBe(NO_SHELL_NOTICE);
    expect(s.getState().inShell).toBe(false);
    await s.close();
    expect(s.getState().cursor).toBe(0);
  });

  it('→ plays the recorded way to the next stop (the step running, then done), at most PLAY_CAP_MS long', async () => {
    const timers: Array<{ fn: () => void; ms: number }> = [];
    // a slow step: 40 s from its start to the read after it
    const events = lessonEvents(namespaceSteps()).map((e) => (e.event.type === 'step-finished' ? { ...e, at: e.at + 40_000 } : e.event.type === 'snapshot' && e.at > 2000 ? { ...e, at: e.at + 40_000 } : e));
    const s = new ReplaySession(recording(events), { setTimer: (fn, ms) => timers.push({ fn, ms }), clearTimer: () => {} });
    const seen: string[] = [];
    s.subscribe(() => seen.push(s.getState().steps[0].status));
    const going = s.next();
    let waited = 0;
    while (timers.length) {
      const t = timers.shift()!;
      waited += t.ms;
      t.fn();
    }
    await going;
    // 40 s recorded, played in at most a second, and not in no time
    expect(waited).toBeLessThanOrEqual(PLAY_CAP_MS);
    expect(waited).toBeGreaterThan(PLAY_CAP_MS / 2);
    expect(seen[0]).toBe('running');
    expect(seen[seen.length - 1]).toBe('done');
    expect(s.getState().cursor).toBe(1);
    expect(s.getState().busy).toBe(false);
  });

  it('a key during the way there ends it at its stop', async () => {
    const s = new ReplaySession(recording(lessonEvents(namespaceSteps())), { setTimer: () => 0, clearTimer: () => {} });
    const first = s.next();
    expect(s.getState().busy).toBe(true);
    await s.back();
    await first;
    expect(s.getState().cursor).toBe(0);
    expect(PLAY_CAP_MS).toBeLessThanOrEqual(1000);
  });
});
