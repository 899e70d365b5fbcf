// waitFor: polls until the condition holds, or says what it waited for.
import { describe, expect, it } from 'vitest';
import { waitFor } from '../../../src/actions/waitFor.js';

describe('waitFor', () => {
  it('returns once the condition holds', async () => {
    let n = 0;
    await waitFor(() => ++n >= 3, 1000, 'three polls');
    expect(n).toBe(3);
  });

  it('names what it waited for when the deadline passes', async () => {
    await expect(waitFor(() => false, 20, 'PID 1 to exec')).rejects.toThrow('timed out after 20 ms waiting for PID 1 to exec');
  });
});
