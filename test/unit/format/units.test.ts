// Unit tests for quantities written for people: bytes in binary units, durations in ms or s.
import { describe, expect, it } from 'vitest';
import { elapsedMinutes, formatMs, humanBytes, oneDecimal } from '../../../src/format/units.js';

describe('units', () => {
  it('writes byte counts in binary units, small ones in bytes', () => {
    expect(humanBytes(512)).toBe('512 B');
    expect(humanBytes(33554432)).toBe('32.0 MiB');
    expect(humanBytes(1024 ** 5 * 2048)).toBe('2048.0 PiB');
  });

  it('writes durations in ms below a second, in s above, without trailing zeros', () => {
    expect(formatMs(20)).toBe('20 ms');
    expect(formatMs(345.72)).toBe('345.7 ms');
    expect(formatMs(2350)).toBe('2.35 s');
    expect(oneDecimal(12.04)).toBe('12');
  });

  it('writes a time spent to the minute', () => {
    expect(elapsedMinutes(59_999)).toBe('<1 min');
    expect(elapsedMinutes(60_000)).toBe('1 min');
    expect(elapsedMinutes(59 * 60_000 + 59_000)).toBe('59 min');
    expect(elapsedMinutes(65 * 60_000)).toBe('1 h 05 min');
    expect(elapsedMinutes(-5)).toBe('<1 min');
  });
});
