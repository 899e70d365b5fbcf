// The bundle's patched Ink (scripts/bundle/inkPatches.mjs) draws byte for byte what Ink as published draws, and starts yoga without fetch.
import { describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
// @ts-expect-error: a build script, plain JavaScript without types
import { inkPatches } from '../../../../scripts/bundle/inkPatches.mjs';
// @ts-expect-error: a build script, plain JavaScript without types
import { NARROW_RANGES, narrowRegexSource } from '../../../../scripts/bundle/narrowChars.mjs';
import stringWidth8 from 'string-width';
// wrap-ansi's own copy (string-width 7)
import stringWidth7 from '../../../../node_modules/wrap-ansi/node_modules/string-width/index.js';

const root = resolve(import.meta.dirname, '../../../..');

/*
 * Frames that exercise what the patches touch: styled runs (colours, bold and dim together,
 * inverse), wide characters, borders, clipping by overflow, wrapping, rows that stay the same
 * from frame to frame next to rows that change, and a clock-like line that is new every frame.
 */
const scene = `
import React from 'react';
import { render, Box, Text } from 'ink';
import { Writable, PassThrough } from 'node:stream';
const h = React.createElement;
export async function frames(count) {
  const writes = [];
  const stdout = new Writable({ write(chunk, _e, cb) { writes.push(chunk.toString()); cb(); } });
  Object.assign(stdout, { isTTY: true, columns: 60, rows: 20 });
  const stdin = new PassThrough();
  Object.assign(stdin, { isTTY: true, setRawMode() {}, ref() {}, unref() {} });
  const Screen = ({ i }) => h(Box, { flexDirection: 'row', width: 60, height: 19 },
    h(Box, { flexDirection: 'column', width: 34, borderStyle: 'round', overflow: 'hidden' },
      h(Text, { bold: true, color: 'cyan' }, 'Step ' + (i % 4) + ' — 名前空間 ✓'),
      h(Text, { wrap: 'wrap' }, 'A long line that wraps across the narrow column, with ' + 'x'.repeat(i % 7) + ' and a tail.'),
      h(Text, { dimColor: true, bold: i % 2 === 0 }, 'dim ', h(Text, { inverse: true }, ' key '), ' after'),
      h(Text, { wrap: 'wrap' }, '─'.repeat(i % 9) + ' · → ✓ ✗ ⠋ … ≠ │ ▆ “quoted” – done ↔ ▶ ©'),
      ...Array.from({ length: 12 }, (_, k) => h(Text, { key: k, color: k === i % 12 ? 'green' : undefined }, 'row ' + k + (k === i % 12 ? ' ←' : ''))),
    ),
    h(Box, { flexDirection: 'column', flexGrow: 1, paddingLeft: 1 },
      h(Text, { color: 'yellow' }, 'uts  4026531838  ' + (4026540000 + i)),
      h(Text, null, 'elapsed ' + (i * 0.7).toFixed(1) + ' s'),
      h(Text, { wrap: 'truncate-end' }, '🙂 emoji and a line far too long to fit in this panel at all, cut at its end'),
      h(Text, { backgroundColor: 'blue', color: 'white' }, i % 3 ? 'same' : 'changed'),
    ),
  );
  const app = render(h(Screen, { i: 0 }), { stdout, stdin, exitOnCtrlC: false, patchConsole: false, maxFps: 1000 });
  for (let i = 1; i < count; i++) {
    app.rerender(h(Screen, { i }));
    await new Promise((r) => setTimeout(r, 5));
  }
  app.unmount();
  return writes.join('');
}
`;

interface Bundled { frames: (n: number) => Promise<string>; code: string; fetches: number }

/** Builds the scene with or without the patches and imports it, counting the fetch() calls its loading makes. */
async function bundled(dir: string, name: string, patched: boolean): Promise<Bundled> {
  const entry = join(dir, `${name}-entry.mjs`);
  writeFileSync(entry, scene);
  const outfile = join(dir, `${name}.mjs`);
  const result = await build({
    entryPoints: [entry], outfile, bundle: true, format: 'esm', platform: 'node', target: 'node20', write: true, logLevel: 'silent',
    nodePaths: [join(root, 'node_modules')],
    plugins: patched ? [inkPatches] : [],
    alias: { 'react-devtools-core': join(root, 'scripts/bundle/noDevtools.mjs') },
    define: { 'process.env.NODE_ENV': '"production"' },
    banner: { js: "import { createRequire as __labCreateRequire } from 'node:module'; const require = __labCreateRequire(import.meta.url);" },
  });
  expect(result.errors).toEqual([]);
  const code = (await import('node:fs')).readFileSync(outfile, 'utf8');
  // Ink writes no frames but the last where it thinks it runs in CI (is-in-ci reads the environment when loaded)
  const ci = process.env.CI;
  process.env.CI = 'false';
  const realFetch = globalThis.fetch;
  let fetches = 0;
  globalThis.fetch = (...args: Parameters<typeof fetch>) => {
    fetches++;
    return realFetch(...args);
  };
  try {
    return { frames: (await import(outfile)).frames, code, fetches };
  } finally {
    globalThis.fetch = realFetch;
    if (ci === undefined) delete process.env.CI;
    else process.env.CI = ci;
  }
}

const [rangeOf8, rangeOf7] = [stringWidth8 as (s: string, o?: object) => number, stringWidth7 as (s: string, o?: object) => number];
const narrowChars = (NARROW_RANGES as [number, number][]).flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, i) => String.fromCodePoint(a + i)));

/** strings of ASCII, narrow characters, and what the fast path must leave to the full one: emoji, marks, CJK, ANSI codes, tabs */
function mixedStrings(count: number): string[] {
  const others = ['🙂', '👍🏽', '❤️', '↔', '▶', '©', 'é', 'e\u0301', '名', 'ｶﾞ', '한', '\u1100\u1161', '\u200d', '\u00ad', '\t', '\u001b[31m', '\u001b[0m', '🇫🇷', '#\u20e3', '\ufe0f'];
  let seed = 7;
  const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
  return Array.from({ length: count }, (_, k) => {
    const pool = k % 3 === 0 ? narrowChars : [...narrowChars.slice(0, 200), ...others];
    return Array.from({ length: 1 + next(24) }, () => pool[next(pool.length)]).join('');
  });
}

describe('the narrow characters (string-width\'s fast path)', () => {
  it('are each one column and their own grapheme, for both string-width versions as published', () => {
    const joining = new RegExp('[\\p{M}\\p{Cf}\\p{Cc}\\p{Zl}\\p{Zp}\\p{Regional_Indicator}\\p{Script=Hangul}\\p{Default_Ignorable_Code_Point}\\p{Emoji_Presentation}\\p{Extended_Pictographic}]', 'v');
    const segmenter = new Intl.Segmenter();
    const wrong = narrowChars.filter((ch) => joining.test(ch) || rangeOf8(ch) !== 1 || rangeOf7(ch) !== 1 || [...segmenter.segment(`a${ch}${ch}a`)].length !== 4);
    expect(narrowChars.length).toBeGreaterThan(1000);
    expect(wrong.map((ch) => ch.codePointAt(0)!.toString(16))).toEqual([]);
    expect(new RegExp(narrowRegexSource()).test('─ → ✓ ✗ ⠋ … · ab')).toBe(true);
    expect(new RegExp(narrowRegexSource()).test('a\u001b[31m')).toBe(false);
  });

  it('give, patched into the bundle, the width both versions as published give, for any string and the ambiguous-wide option', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'container-lab-ink-patch-'));
    try {
      const entry = join(dir, 'widths-entry.mjs');
      writeFileSync(entry, `export { default as sw8 } from 'string-width';\nexport { default as sw7 } from ${JSON.stringify(join(root, 'node_modules/wrap-ansi/node_modules/string-width/index.js'))};\n`);
      const outfile = join(dir, 'widths.mjs');
      await build({ entryPoints: [entry], outfile, bundle: true, format: 'esm', platform: 'node', target: 'node20', logLevel: 'silent', nodePaths: [join(root, 'node_modules')], plugins: [inkPatches] });
      const code = (await import('node:fs')).readFileSync(outfile, 'utf8');
      expect(code.match(/labNarrow\d*\.test\(/g)).toHaveLength(2); // both versions patched (esbuild renames the second)
      const patched = await import(outfile) as { sw8: typeof rangeOf8; sw7: typeof rangeOf7 };
      for (const s of mixedStrings(4000)) {
        expect(patched.sw8(s), JSON.stringify(s)).toBe(rangeOf8(s));
        expect(patched.sw7(s), JSON.stringify(s)).toBe(rangeOf7(s));
        expect(patched.sw8(s, { ambiguousIsNarrow: false }), JSON.stringify(s)).toBe(rangeOf8(s, { ambiguousIsNarrow: false }));
        expect(patched.sw7(s, { ambiguousIsNarrow: false }), JSON.stringify(s)).toBe(rangeOf7(s, { ambiguousIsNarrow: false }));
        expect(patched.sw8(s, { countAnsiEscapeCodes: true }), JSON.stringify(s)).toBe(rangeOf8(s, { countAnsiEscapeCodes: true }));
      }
      expect(patched.sw8('')).toBe(0);
      expect(patched.sw7(undefined as unknown as string)).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('the bundle\'s patches of Ink and yoga', () => {
  it('is applied, and draws every frame byte for byte as Ink as published does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'container-lab-ink-patch-'));
    try {
      const plain = await bundled(dir, 'plain', false);
      const patched = await bundled(dir, 'patched', true);
      expect(plain.code).not.toContain('labOutputCaches');
      for (const marker of ['labOutputCaches()', 'labRowString(', 'labBlankCell', 'labStyles', 'from === to', 'labNarrow.test(']) expect(patched.code).toContain(marker);
      expect(plain.fetches).toBe(1); // yoga's wasm, from its data: URL
      expect(patched.fetches).toBe(0);
      expect(patched.code).toMatch(/currentWidth = measure[_]?[tT]ext\w*\(text\)\.width/); // esbuild may rename the import
      const expected = await plain.frames(40);
      expect(expected.length).toBeGreaterThan(2000); // the scene really drew
      expect(expected).toContain('\u001b['); // with styles
      expect(await patched.frames(40)).toBe(expected);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('refuses to bundle an Ink whose source no longer has a line it replaces', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'container-lab-ink-patch-'));
    try {
      const fakeInk = join(dir, 'node_modules/ink/build');
      (await import('node:fs')).mkdirSync(fakeInk, { recursive: true });
      writeFileSync(join(dir, 'node_modules/ink/package.json'), JSON.stringify({ name: 'ink', type: 'module', exports: './build/output.js' }));
      writeFileSync(join(fakeInk, 'output.js'), 'export default class Output { caches = new SomethingElse(); }\n');
      writeFileSync(join(dir, 'entry.mjs'), "import Output from 'ink'; console.log(Output);\n");
      await expect(build({ entryPoints: [join(dir, 'entry.mjs')], bundle: true, write: false, logLevel: 'silent', plugins: [inkPatches], absWorkingDir: dir }))
        .rejects.toThrow(/expected "caches = new OutputCaches\(\);" once \(the package changed/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
