// Once the helper's app is gone, a program the step in flight runs is killed at once, so the close does not wait for it.
import { describe, expect, it } from 'vitest';
import { runProgram } from '../../../src/sys/programs.js';
import { closing, startClosing } from '../../../src/sys/closing.js';

describe('closing', () => {
  it('kills a run in flight and any run started after it', async () => {
    const started = performance.now();
    const inFlight = runProgram(['sleep', '30']);
    await new Promise((r) => setTimeout(r, 50));
    expect(closing.aborted).toBe(false);
    startClosing();
    const run = await inFlight;
    expect(run.signal).toBe('SIGKILL');
    const later = await runProgram(['sleep', '30']);
    expect(later.signal).toBe('SIGKILL');
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
