// The app tells a listener (the notes socket) which lesson is on screen: the session when it shows, null when it closes.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { App } from '../../src/app/App.js';
import type { LessonSession } from '../../src/types.js';
import { createFakeBackend } from './fakeSession.js';
import { KEY, press, renderAt, wait } from './harness.js';

afterEach(() => cleanup());

describe('onLessonChange', () => {
  it('null on the menu, the session once it shows, null again when Esc closes it, then the next session', async () => {
    const backend = createFakeBackend();
    const seen: Array<LessonSession | null> = [];
    const r = await renderAt(<App backend={backend} onExit={() => {}} onLessonChange={(s) => seen.push(s)} />, 100, 30);
    expect(seen).toEqual([null]);
    await press(r, KEY.enter, 60);
    expect(seen).toEqual([null, backend.sessions[0]]);
    await press(r, KEY.esc, 60);
    expect(seen).toEqual([null, backend.sessions[0], null]);
    await press(r, KEY.down);
    await press(r, KEY.enter, 60);
    expect(seen).toEqual([null, backend.sessions[0], null, backend.sessions[1]]);
  });

  it('q in a lesson: null (the lesson ended) as it closes', async () => {
    const backend = createFakeBackend();
    const seen: Array<LessonSession | null> = [];
    const onExit = vi.fn();
    const r = await renderAt(<App backend={backend} initialLessonId="namespaces" onExit={onExit} onLessonChange={(s) => seen.push(s)} />, 100, 30);
    await wait(30);
    await press(r, 'q', 60);
    expect(onExit).toHaveBeenCalledTimes(1);
    expect(seen.slice(-2)).toEqual([backend.sessions[0], null]);
  });

  it('a session resumed after a shell is the one on screen', async () => {
    const backend = createFakeBackend();
    const resumed = await backend.open(backend.lessons[1]);
    const seen: Array<LessonSession | null> = [];
    await renderAt(<App backend={backend} resumeSession={resumed} onExit={() => {}} onLessonChange={(s) => seen.push(s)} />, 100, 30);
    expect(seen).toEqual([resumed]);
  });
});
