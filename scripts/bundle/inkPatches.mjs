// esbuild plugin: Ink's frame output reuses, across frames, the work whose result cannot have changed; yoga starts without fetch.
//
// Why: Ink 6.8 (and 7.x, 8.0) makes a new OutputCaches with each Output, i.e. each frame, so every
// line of every frame is tokenized into styled characters and measured again, and every row is
// turned back into a string, though most lines of a 160×45 lesson screen are the same as in the
// frame before. That was most of a frame's CPU (node --cpu-prof of a lesson: tokenize,
// styledCharsFromTokens, stringWidth, styledCharsToString). Three changes to ink/build/output.js:
// - the caches (a line's text → its styled characters and width) are shared by every frame, and
//   dropped whole past LIMIT entries (a spinner or clock makes a new line each second);
// - an empty cell is one shared object, not a new one per cell per frame (cells are only read:
//   get() replaces a cell, never changes one);
// - a row whose cells are the very objects of the same row in the frame before gets that row's
//   string again. The cells are the cached, read-only styled characters, so equal objects mean
//   an equal string.
// And one to yoga-layout 3.2 (Ink's layout engine): its Emscripten loader fetched its own wasm from
// a data: URL with Node's fetch(), which loads undici first (importing yoga-layout took 112 ms with
// fetch removed and 269 ms with it, medians of 5 on a busy machine). It now decodes the data: URL
// in place, the loader's own path for hosts without fetch (atob, then the bytes).
// And string-width (8 for Ink, 7 for wrap-ansi) answers at once for a string made only of
// characters one column wide each (scripts/bundle/narrowChars.mjs says which and why).
// The build fails if Ink's source no longer has a line this replaces, rather than silently
// bundling Ink unchanged.
import { readFile } from 'node:fs/promises';
import { narrowRegexSource } from './narrowChars.mjs';

const LIMIT = 20000;

const shared = `
let labSharedCaches = null;
/** one OutputCaches for every frame, renewed when it has grown past ${LIMIT} entries */
function labOutputCaches() {
  if (labSharedCaches === null || labSharedCaches.styledChars.size + labSharedCaches.widths.size + labSharedCaches.blockWidths.size > ${LIMIT}) {
    labSharedCaches = new OutputCaches();
  }
  return labSharedCaches;
}
const labBlankCell = Object.freeze({ type: 'char', value: ' ', fullWidth: false, styles: Object.freeze([]) });
/** the rows of the frame before, by row index: its cells and their string */
let labRowsBefore = [];
function labRowString(cells, y) {
  const before = labRowsBefore[y];
  if (before !== undefined && before.cells.length === cells.length && before.cells.every((cell, i) => cell === cells[i])) return before.text;
  const text = styledCharsToString(cells);
  labRowsBefore[y] = { cells, text };
  return text;
}
`;

const OUTPUT = [
  ['caches = new OutputCaches();', 'caches = labOutputCaches();'],
  [`row.push({
                    type: 'char',
                    value: ' ',
                    fullWidth: false,
                    styles: [],
                });`, 'row.push(labBlankCell);'],
  ['const generatedOutput = output\n            .map(line => {', 'const generatedOutput = output\n            .map((line, labY) => {'],
  ['return styledCharsToString(lineWithoutEmptyItems).trimEnd();', 'return labRowString(lineWithoutEmptyItems, labY).trimEnd();'],
  ['export default class Output', `${shared}export default class Output`],
];

const RENDER_NODE = [
  ["import widestLine from 'widest-line';", "import measureText from './measure-text.js';"],
  ['const currentWidth = widestLine(text);', 'const currentWidth = measureText(text).width;'],
];

const STYLED_CHARS = [
  [`            ret.push({
                ...token,
                styles: [...codes],
            });`, `            if (labStyles === null) labStyles = [...codes];
            ret.push({
                ...token,
                styles: labStyles,
            });`],
  ['codes = reduceAnsiCodesIncremental(codes, [token]);', 'codes = reduceAnsiCodesIncremental(codes, [token]);\n            labStyles = null;'],
  ['    let codes = [];', '    let codes = [];\n    let labStyles = null;'],
  [`        else {
            ret += ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles));
        }`, `        else if (chars[i - 1].styles !== char.styles) {
            ret += ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles));
        }`],
];

const DIFF = [
  ['export function diffAnsiCodes(from, to) {', 'export function diffAnsiCodes(from, to) {\n    if (from === to || (from.length === 0 && to.length === 0)) return [];'],
];

const YOGA_LOADER = [
  ['function ya(){return w||"function"!=typeof fetch?', 'function ya(){return true?'],
];

/*
 * Both versions' entry point becomes a wrapper: the same answer as before for every string (a
 * narrow string's width is its length), without segmenting it. Styled text is measured without
 * its ANSI codes, as both versions do (each module's own stripAnsi; 7 strips every string, which
 * leaves one without ESC or CSI as it is). The caller's options keep their meaning:
 * ambiguousIsNarrow false (East Asian Width "A" counted 2) and countAnsiEscapeCodes take the
 * full path.
 */
const STRING_WIDTH = [
  ['export default function stringWidth(', `const labNarrow = /${narrowRegexSource()}/;
export default function stringWidth(labInput, labOptions) {
	if (typeof labInput === 'string' && labOptions?.ambiguousIsNarrow !== false && !labOptions?.countAnsiEscapeCodes) {
		const labText = labInput.includes('\\u001B') || labInput.includes('\\u009B') ? stripAnsi(labInput) : labInput;
		if (labNarrow.test(labText)) return labText.length;
	}
	return labStringWidth(labInput, labOptions);
}
function labStringWidth(`],
];

/** The file (its path's end) → the replacements made in it, each of a text found there exactly once */
const PATCHES = [
  [/[\\/]ink[\\/]build[\\/]output\.js$/, OUTPUT],
  [/[\\/]ink[\\/]build[\\/]render-node-to-output\.js$/, RENDER_NODE],
  [/[\\/]@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]styledChars\.js$/, STYLED_CHARS],
  [/[\\/]@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]diff\.js$/, DIFF],
  // not cli-table3's string-width 4 (CommonJS, for marked-terminal's tables): left as published
  [/[\\/]string-width[\\/]index\.js$/, STRING_WIDTH, /[\\/]cli-table3[\\/]/],
  [/[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/, YOGA_LOADER],
];

export const inkPatches = {
  name: 'ink-patches',
  setup(build) {
    for (const [filter, replacements, except] of PATCHES) build.onLoad({ filter }, async (args) => {
      if (except?.test(args.path)) return undefined; // esbuild loads it as it is
      let contents = await readFile(args.path, 'utf8');
      for (const [from, to] of replacements) {
        if (contents.split(from).length !== 2) {
          throw new Error(`${args.path}: expected "${from.split('\n')[0]}" once (the package changed: look again at scripts/bundle/inkPatches.mjs)`);
        }
        contents = contents.replace(from, to);
      }
      return { contents, loader: 'js' };
    });
  },
};
