// asciiOnly: the bundle's comments are escaped to ASCII; a non-ASCII character in code stops the build.
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a build script, plain JavaScript without types
import { asciiOnly } from '../../../../scripts/bundle/asciiOutput.mjs';

describe('asciiOnly', () => {
  it('escapes the non-ASCII characters of comment lines, astral ones as their two halves', () => {
    const text = 'const a = 1;\n  // ✓ or ✗ — done\n  /** → presses */\n   * step ← 🙂\nconst b = "x";';
    const out = asciiOnly(text, 'chunk.js') as string;
    expect(out).toBe('const a = 1;\n  // \\u2713 or \\u2717 \\u2014 done\n  /** \\u2192 presses */\n   * step \\u2190 \\ud83d\\ude42\nconst b = "x";');
    expect(/[^\x00-\x7f]/.test(out)).toBe(false);
    expect(asciiOnly('plain\ntext', 'f.js')).toBe('plain\ntext');
  });

  it('names the file and line of a non-ASCII character in code', () => {
    expect(() => asciiOnly('const ok = 1;\nconst m = /[*•+-]/;', 'dist/app/chunk.js')).toThrow(/dist\/app\/chunk\.js:2: a non-ASCII character in code .*\/\[\*•\+-\]\//);
  });
});
