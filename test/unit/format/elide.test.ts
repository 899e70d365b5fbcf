// Unit tests for cutting the middle out of text to fit a width.
import { describe, expect, it } from 'vitest';
import { elideMiddle } from '../../../src/format/elide.js';

describe('elideMiddle', () => {
  it('keeps quotes, head and tail', () => {
    expect(elideMiddle('"/run/container-lab/s-1a2b/scratch"', 15)).toBe('"/run/c…cratch"');
    expect(elideMiddle('short', 10)).toBe('short');
    expect([...elideMiddle('abcdefghijklmnop', 9)].length).toBe(9);
  });
});
