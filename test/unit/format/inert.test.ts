// The terminal sanitizer: what a terminal would act on is shown escaped; our own styling is never its input.
import { describe, expect, it } from 'vitest';
import { inert, inertDeep, isInert } from '../../../src/format/inert.js';

describe('inert', () => {
  it('writes ESC, CR, BEL, NUL, DEL and C1 controls as escapes', () => {
    expect(inert('\u001b]0;pwned\u0007')).toBe('\\x1b]0;pwned\\x07');
    expect(inert('a\u001b[2Jb')).toBe('a\\x1b[2Jb');
    expect(inert('over\rwrite')).toBe('over\\rwrite');
    expect(inert('\u0000\u0008\u000b\u000c\u007f')).toBe('\\x00\\x08\\x0b\\x0c\\x7f');
    expect(inert('\u009b31m\u0080\u009f')).toBe('\\x9b31m\\x80\\x9f');
  });

  it('writes bidi overrides and isolates as escapes', () => {
    expect(inert('abc\u202edcba')).toBe('abc\\u202edcba');
    for (const c of [0x202a, 0x202b, 0x202c, 0x202d, 0x2066, 0x2067, 0x2068, 0x2069]) {
      expect(inert(String.fromCharCode(c))).toBe(`\\u${c.toString(16)}`);
    }
  });

  it('keeps newlines, tabs, plain unicode and backslashes as they are', () => {
    const text = 'line one\n\tline two — ünïcødé → ✓ 漢字 C:\\path \\x1b already';
    expect(inert(text)).toBe(text);
    expect(isInert(text)).toBe(true);
  });

  it('is idempotent, and leaves nothing a terminal would act on', () => {
    const all = Array.from({ length: 0xa0 }, (_, i) => String.fromCharCode(i)).join('') + '\u202a\u202e\u2066\u2069';
    const once = inert(all);
    expect(isInert(once)).toBe(true);
    expect(inert(once)).toBe(once);
    expect(once).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });
});

describe('inertDeep', () => {
  it('cleans every string in a JSON value, keys too, and keeps the rest', () => {
    const value = { name: 'ok', comm: '\u001b]2;x\u0007', list: ['a', '\r'], n: 3, b: true, z: null, ['k\u001b']: 1 };
    expect(inertDeep(value)).toEqual({ name: 'ok', comm: '\\x1b]2;x\\x07', list: ['a', '\\r'], n: 3, b: true, z: null, ['k\\x1b']: 1 });
  });

  it('returns the same object when nothing needs changing', () => {
    const value = { a: ['x', { b: 'y' }], c: 1 };
    expect(inertDeep(value)).toBe(value);
  });
});
