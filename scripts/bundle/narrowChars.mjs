// The characters a terminal draws one column wide, each its own grapheme, with no emoji form: string-width's fast path for the lab's text.
//
// Why: string-width 8 answers printable ASCII at once, but one "—", "─", "→" or "✓" in a string
// sends it through Intl.Segmenter, two Unicode-property regexes and the East Asian Width table
// for every character (string-width 7, which wrap-ansi uses, does that even for ASCII, and makes
// a new emoji regex per character). The lab's screens are full of those characters, so measuring
// text was the biggest part of the first frame after loading the code.
// A string made only of these characters is as wide as it is long: each is in the BMP (one UTF-16
// unit), none joins a neighbour into a cluster (no marks, joiners, format or control characters,
// regional indicators or Hangul jamo), and none has an emoji presentation or a wide East Asian
// Width. test/unit/scripts/bundle/inkPatches.test.ts checks every one of them against both
// string-width versions as published.
// Left out: ©, ®, ↔–↙, ↩, ↪, ▪, ▫, ▶, ◀, ◻–◾, ‼, ⁉ (emoji, text-default or not: string-width 7 counts
// some of them 2), and the rest of the symbol blocks (☀… ✂…), where emoji are many.

/** inclusive code point ranges */
export const NARROW_RANGES = [
  [0x20, 0x7e], // printable ASCII
  [0xa0, 0xa8], [0xaa, 0xac], [0xaf, 0xff], // Latin-1: no soft hyphen, ©, ®
  [0x2010, 0x2027], [0x2030, 0x203b], [0x203d, 0x2048], [0x204a, 0x205e], // dashes, quotes, …, ‰, ›
  [0x2190, 0x2193], [0x219a, 0x21a8], [0x21ab, 0x21ff], // arrows
  [0x2200, 0x22ff], // mathematical operators: ≠ ≤ ≥ ⋮
  [0x2500, 0x259f], // box drawing and block elements: ─ │ └ █ ▁…▇
  [0x25a0, 0x25a9], [0x25ac, 0x25b5], [0x25b7, 0x25bf], [0x25c1, 0x25fa], // geometric shapes: ▼ ○
  [0x2713, 0x2713], [0x2717, 0x2717], [0x276e, 0x276f], [0x27f0, 0x27ff], // ✓ ✗ ❮ ❯ ⟳
  [0x2800, 0x28ff], // braille: the spinner
];

const hex = (n) => `\\u${n.toString(16).padStart(4, '0')}`;

/** the source of a regex that matches a string made only of these characters (the empty one too) */
export function narrowRegexSource() {
  return `^[${NARROW_RANGES.map(([a, b]) => (a === b ? hex(a) : `${hex(a)}-${hex(b)}`)).join('')}]*$`;
}
