// Renders lesson markdown for the terminal (marked + marked-terminal), wrapped to a width, cached.
import { Marked, type Tokens } from 'marked';
import { markedTerminal } from 'marked-terminal';
import chalk from 'chalk';
import { carrySgr, stripAnsi, visibleLength, wrapAnsiLine } from './textWrap.js';

const parsers = new Map<number, Marked>();
const cache = new Map<string, string>();
const CACHE_MAX = 256;

function parserFor(width: number): Marked {
  let m = parsers.get(width);
  if (m) return m;
  m = new Marked({ gfm: true });
  m.use(
    markedTerminal({
      width,
      reflowText: true,
      showSectionPrefix: false,
      emoji: false, // kernel text is full of colons ("shared:1", "0::/") that must stay as written
      tab: 2,
    },
    // a block without a language is shown as written: highlight.js would guess one among all it
    // knows (kernel output coloured as Perl or SQL), and guessing took most of a slide's rendering
    { languageSubset: ['plaintext'] }),
  );
  // marked-terminal leaves inline markup in list items unparsed and prints links as OSC 8
  // hyperlinks on some terminals; parse the inline tokens and print links as "text (url)".
  m.use({
    renderer: {
      text(token: Tokens.Text | Tokens.Escape): string | false {
        if ('tokens' in token && token.tokens && token.tokens.length > 0) {
          return this.parser.parseInline(token.tokens);
        }
        return false;
      },
      link(token: Tokens.Link): string {
        const text = this.parser.parseInline(token.tokens);
        const plain = stripAnsi(text);
        return plain === token.href ? chalk.blue(token.href) : `${text} (${chalk.blue(token.href)})`;
      },
    },
  });
  parsers.set(width, m);
  return m;
}

/** Where a wrapped continuation line should start: under the text of a list item. */
function hangFor(line: string): number {
  const m = /^(\s*(?:[*\u2022+-]|\d+\.)\s+)/.exec(stripAnsi(line)); // \u2022: a bullet
  if (m) return m[1].length;
  return /^ */.exec(stripAnsi(line))?.[0].length ?? 0;
}

/** Markdown rendered for a terminal `width` columns wide: lines joined by "\n", no trailing blank. */
export function renderMarkdown(md: string, width: number): string {
  const w = Math.max(10, Math.floor(width));
  const key = `${w}\u0000${md}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;

  let raw: string;
  try {
    raw = parserFor(w).parse(md, { async: false }) as string;
  } catch {
    raw = md;
  }
  const lines: string[] = [];
  let blank = false;
  let codes = ''; // colour codes found on blank lines, kept for the next line with text
  for (const line of raw.replace(/\r/g, '\n').replace(/\t/g, '  ').split('\n')) {
    if (visibleLength(line.trim()) === 0) {
      codes += line.replace(/[^\u001b]*?(\u001b\[[0-9;]*m)|[^\u001b]+$/g, '$1');
      if (!blank && lines.length > 0) lines.push('');
      blank = true;
      continue;
    }
    blank = false;
    lines.push(...wrapAnsiLine(codes + line, w, hangFor(line)));
    codes = '';
  }
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const out = carrySgr(lines).join('\n');

  if (cache.size >= CACHE_MAX) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  cache.set(key, out);
  return out;
}

/** The slide's first lines; `more`: how many lines follow, or null when the rest was not rendered. */
export interface SlideHead {
  lines: string[];
  more: number | null;
}

const HEAD_START = 16 * 1024;

/**
 * The first `maxLines` lines of `md` rendered at `width`, rendering no more of the markdown than
 * they need: a slide can be as big as a lesson file (256 KiB, about a second to render), and the
 * screen shows a few dozen lines of it. A growing prefix, cut at a line, is rendered until it
 * gives well more lines than asked for (what a cut changes is at the prefix's end, off screen).
 */
export function renderMarkdownHead(md: string, width: number, maxLines: number): SlideHead {
  const want = Math.max(1, Math.floor(maxLines));
  for (let size = HEAD_START; ; size *= 4) {
    const whole = size >= md.length;
    const cut = whole ? md.length : md.lastIndexOf('\n', size);
    const text = renderMarkdown(md.slice(0, cut > 0 ? cut : size), width);
    const lines = text.length > 0 ? text.split('\n') : [];
    if (whole) return { lines: lines.slice(0, want), more: Math.max(0, lines.length - want) };
    if (lines.length >= want * 2 + 10) return { lines: lines.slice(0, want), more: null };
  }
}
