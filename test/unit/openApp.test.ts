// The app's helper launcher: started once the menu is up, never after the app stopped it.
import { describe, expect, it } from 'vitest';
import { helperLauncher } from '../../src/openApp.js';

/** A stand-in helper client that records what was asked of it. */
function recordingClient() {
  const calls: string[] = [];
  return {
    calls,
    hello: async () => void calls.push('hello'),
    sweep: async () => {
      calls.push('sweep');
      return { removed: [] };
    },
    stop: async () => void calls.push('stop'),
  };
}

describe('helperLauncher', () => {
  it('starts the helper when asked, says hello and sweeps, and stops it', async () => {
    const client = recordingClient();
    let started = 0;
    const launcher = helperLauncher(() => (started++, client as never));
    expect(launcher.helper()).toBeNull();
    launcher.start();
    launcher.start(); // again is a no-op
    await launcher.ready;
    expect(started).toBe(1);
    expect(launcher.helper()).toBe(client);
    await launcher.stop();
    expect(client.calls).toEqual(['hello', 'sweep', 'stop']);
  });

  it('never starts a helper after stop: q pressed before the start queued behind the first frame ran', async () => {
    let started = 0;
    const launcher = helperLauncher(() => (started++, recordingClient() as never));
    await launcher.stop();
    launcher.start();
    await expect(launcher.ready).rejects.toThrow(/did not start: the app quit before it started/);
    expect(started).toBe(0);
    expect(launcher.helper()).toBeNull();
  });

  it('a helper that fails its hello rejects ready with what went wrong', async () => {
    const launcher = helperLauncher(() => ({ ...recordingClient(), hello: async () => Promise.reject(new Error('EACCES')) }) as never);
    launcher.start();
    await expect(launcher.ready).rejects.toThrow("the lab's helper process did not start: EACCES");
  });
});
