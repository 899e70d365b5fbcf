// Unit tests for splitting a chunk of typed characters into the presses it holds.
import { describe, expect, it } from 'vitest';
import type { Key } from 'ink';
import { pressesOf } from '../../src/app/keyChunks.js';

const key = (k: Partial<Key> = {}): Key => ({ ctrl: false, meta: false, ...k }) as Key;
/** What each press is, as the key table would see it: the character, or the named key that is set. */
const names = (presses: Array<[string, Key]>): string[] =>
  presses.map(([input, k]) => input || Object.entries(k).find(([, on]) => on === true)?.[0] || '?');

describe('pressesOf', () => {
  it('splits plain characters and the control characters Ink names when they come alone', () => {
    expect(names(pressesOf('g6\r', key()))).toEqual(['g', '6', 'return']);
    expect(names(pressesOf(':12\u007F\b\t\n', key()))).toEqual([':', '1', '2', 'delete', 'backspace', 'tab', 'return']);
    expect(pressesOf('gQ', key())[1][1].shift).toBe(true);
  });

  it('leaves one key, or a key with Ctrl or Meta, as it came', () => {
    const right = key({ rightArrow: true });
    expect(pressesOf('', right)).toEqual([['', right]]);
    expect(pressesOf('g', key())).toEqual([['g', key()]]);
    const meta = key({ meta: true });
    expect(pressesOf('ab', meta)).toEqual([['ab', meta]]);
    // one character of two UTF-16 units is one press
    expect(pressesOf('😀', key())).toHaveLength(1);
  });
});
