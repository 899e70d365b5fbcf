// The consent screen before an untrusted lesson: its host-side effects listed, y/Enter goes on, any other key declines.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { App } from '../../src/app/App.js';
import { ConsentScreen } from '../../src/app/ConsentScreen.js';
import { createFakeBackend, makeLesson, namespaceSteps } from './fakeSession.js';
import { frame, KEY, press, renderAt, widest } from './harness.js';

afterEach(() => cleanup());

const steps = [
  { step: 'Start the daemons', effects: ['starts a private containerd as root, its socket and state under the session directory'] },
  { step: 'Run it', effects: ['runs `docker run --rm container-lab/lab` as root against the lab\'s dockerd'] },
];

function screen(onAccept = vi.fn(), onDecline = vi.fn(), rows = 20) {
  return { onAccept, onDecline, tree: <ConsentScreen title="Elsewhere" from="$CONTAINER_LAB_LESSONS" steps={steps} columns={80} rows={rows} active onAccept={onAccept} onDecline={onDecline} /> };
}

describe('ConsentScreen', () => {
  it('lists every step with its host-side effects, where the lesson came from, and the question', async () => {
    const { tree } = screen();
    const r = await renderAt(tree, 80, 20);
    const f = frame(r);
    expect(f).toMatch(/"Elsewhere" comes from \$CONTAINER_LAB_LESSONS, not from the container-lab\s+package\./);
    expect(f).toContain('1. Start the daemons');
    expect(f).toContain('• starts a private containerd as root');
    expect(f).toContain('2. Run it');
    expect(f).toContain('• runs `docker run --rm container-lab/lab` as root');
    expect(f).toContain('y or Enter: go on · any other key: back to the menu');
    expect(widest(r)).toBeLessThanOrEqual(80);
  });

  it('y and Enter accept', async () => {
    for (const key of ['y', KEY.enter]) {
      const { tree, onAccept, onDecline } = screen();
      const r = await renderAt(tree, 80, 20);
      await press(r, key);
      expect(onAccept).toHaveBeenCalledTimes(1);
      expect(onDecline).not.toHaveBeenCalled();
      r.unmount();
    }
  });

  it('any other key declines; arrows only scroll a list longer than the screen', async () => {
    const { tree, onAccept, onDecline } = screen(vi.fn(), vi.fn(), 8);
    const r = await renderAt(tree, 80, 8);
    expect(frame(r)).toMatch(/more lines below/);
    await press(r, KEY.down);
    expect(frame(r)).not.toContain('1. Start the daemons');
    expect(onDecline).not.toHaveBeenCalled();
    await press(r, 'n');
    expect(onDecline).toHaveBeenCalledTimes(1);
    expect(onAccept).not.toHaveBeenCalled();
  });
});

describe('the app with an untrusted lesson', () => {
  const untrusted = () => makeLesson('elsewhere', 1, 'From elsewhere', namespaceSteps(), { source: { trusted: false, from: '$CONTAINER_LAB_LESSONS' } });

  it('marks it in the menu; opening it asks first, and a decline goes back to the menu without opening it', async () => {
    const backend = createFakeBackend({ lessons: [untrusted()] });
    const r = await renderAt(<App backend={backend} onExit={() => {}} />, 120, 30);
    expect(frame(r)).toContain('(from $CONTAINER_LAB_LESSONS: asks before it runs)');
    await press(r, KEY.enter);
    expect(frame(r)).toContain('Untrusted lesson: From elsewhere');
    expect(frame(r)).toContain('does unshare to the host');
    expect(backend.opened).toEqual([]);
    await press(r, 'x');
    expect(backend.opened).toEqual([]);
    expect(frame(r)).toContain('"From elsewhere" did not start: it asks before it runs, and the answer was no.');
    await press(r, KEY.enter);
    await press(r, 'y', 60);
    expect(backend.opened).toEqual(['elsewhere']);
    expect(frame(r)).not.toContain('Untrusted lesson');
  });

  it('with --trust-lessons (askConsent false) it opens without the question', async () => {
    const backend = createFakeBackend({ lessons: [untrusted()] });
    const r = await renderAt(<App backend={backend} askConsent={false} onExit={() => {}} />, 120, 30);
    await press(r, KEY.enter, 60);
    expect(backend.opened).toEqual(['elsewhere']);
  });

  it('a trusted lesson opens without the question', async () => {
    const backend = createFakeBackend();
    const r = await renderAt(<App backend={backend} onExit={() => {}} />, 120, 30);
    expect(frame(r)).not.toContain('asks before it runs');
    await press(r, KEY.enter, 60);
    expect(backend.opened).toEqual(['processes']);
  });
});
