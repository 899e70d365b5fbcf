// Sizes as lesson files write them.
import { describe, expect, it } from 'vitest';
import { mib, parseSize } from '../../../src/cgroup/size.js';

describe('parseSize', () => {
  it('reads binary suffixes and plain byte counts', () => {
    expect(parseSize('32m')).toBe(33554432);
    expect(parseSize('32M')).toBe(33554432);
    expect(parseSize('512k')).toBe(524288);
    expect(parseSize('1g')).toBe(1073741824);
    expect(parseSize('4096')).toBe(4096);
    expect(parseSize(4096)).toBe(4096);
  });

  it('rejects anything else', () => {
    expect(() => parseSize('32MB')).toThrow(/not a size/);
    expect(() => parseSize('-1')).toThrow(/not a size/);
  });

  it('prints MiB', () => {
    expect(mib(33554432)).toBe('32.0 MiB');
  });
});
