// Reads a lesson slide off a screen page by page and checks every line of it is reachable (UI and tmux tests).
import chalk from 'chalk';
import { renderMarkdown } from '../../src/app/markdown.js';
import { stripTitleHeading } from '../../src/app/derive.js';
import { stripAnsi } from '../../src/app/textWrap.js';
import type { Lesson } from '../../src/types.js';

/** One slide of a lesson: the heading the screen puts over it, and its lines as rendered at a width. */
export interface ExpectedSlide {
  /** -1 for the introduction */
  index: number;
  heading: RegExp;
  lines: string[];
  /** columns of the slide's column: a wide screen has the panels beside it on the same rows */
  width: number;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The introduction and every step's slide, rendered at `width` as the lesson screen renders them;
 * `colour`: as on a terminal with colours (the app in tmux), where marked-terminal breaks some
 * lines differently than without.
 */
export function expectedSlides(lesson: Lesson, width: number, colour = false): ExpectedSlide[] {
  const render = (md: string): string[] => {
    const level = chalk.level;
    if (colour) chalk.level = Math.max(1, level) as typeof level;
    try {
      const text = renderMarkdown(md, width);
      return text.length === 0 ? [] : text.split('\n').map((l) => stripAnsi(l).trimEnd());
    } finally {
      chalk.level = level;
    }
  };
  const n = lesson.steps.length;
  return [
    {
      index: -1,
      heading: new RegExp(`^${escape(`${lesson.title} — introduction`.slice(0, width - 1))}`),
      lines: render(stripTitleHeading(lesson.intro.trim() || lesson.summary, lesson.title)),
      width,
    },
    ...lesson.steps.map((s, i) => ({
      index: i,
      heading: new RegExp(`^${escape(`Step ${i + 1}/${n} · ${s.title}`.slice(0, width - 1))}`),
      lines: render(stripTitleHeading(s.slide, s.title)),
      width,
    })),
  ];
}

/** `lines 3–14 of 30`: the slide's position line. */
export const POSITION = /^lines (\d+)–(\d+) of (\d+)(\+?)/;

/** What of a slide a screen shows: its lines `first`..`last` (1-based) of `total`, or all of it. */
export interface SlideOnScreen {
  first: number;
  last: number;
  total: number;
  text: string[];
  /** a position line was drawn: the slide is longer than its room */
  positioned: boolean;
}

/**
 * The slide under `heading` on a screen. With a position line, the lines between the heading and
 * it; without, the `expected` many lines under the heading (the slide must then be whole).
 */
export function slideOnScreen(screen: string, heading: RegExp, expected: number, width = Infinity): SlideOnScreen | null {
  const rows = screen.split('\n').map((l) => [...l].slice(0, width).join('').trimEnd());
  const at = rows.findIndex((l) => heading.test(l));
  if (at < 0) return null;
  for (let k = at + 1; k < rows.length && k <= at + 1 + expected; k++) {
    const m = POSITION.exec(rows[k]);
    if (m) return { first: Number(m[1]), last: Number(m[2]), total: Number(m[3]), text: rows.slice(at + 1, k), positioned: true };
  }
  return { first: 1, last: expected, total: expected, text: rows.slice(at + 1, at + 1 + expected), positioned: false };
}

/**
 * Reads the whole slide: checks each screenful line for line against the rendered slide, presses
 * page down (through `pageDown`, which returns the next screen) until the last line was shown,
 * and fails when a line never shows or a page shows something else. Returns the pages it took.
 */
export async function readWholeSlide(
  slide: ExpectedSlide,
  screen: string,
  pageDown: (before: SlideOnScreen) => Promise<string>,
  where: string,
): Promise<number> {
  const seen = new Array<boolean>(slide.lines.length).fill(false);
  let pages = 1;
  for (;;) {
    const on = slideOnScreen(screen, slide.heading, slide.lines.length, slide.width);
    if (!on) throw new Error(`${where}: the heading ${slide.heading} is not on screen:\n${screen}`);
    if (on.total !== slide.lines.length) {
      throw new Error(`${where}: the screen says ${on.total} lines, the slide has ${slide.lines.length}:\n${screen}`);
    }
    const want = slide.lines.slice(on.first - 1, on.last);
    if (on.text.length !== want.length || on.text.some((l, i) => l !== want[i])) {
      throw new Error(`${where}: lines ${on.first}–${on.last} differ from the slide's.\nscreen:\n${on.text.join('\n')}\nslide:\n${want.join('\n')}`);
    }
    for (let i = on.first - 1; i < on.last; i++) seen[i] = true;
    if (on.last >= on.total) break;
    if (pages > slide.lines.length) throw new Error(`${where}: page down never reached line ${on.total}:\n${screen}`);
    screen = await pageDown(on);
    pages++;
  }
  const missed = seen.flatMap((s, i) => (s ? [] : [i + 1]));
  if (missed.length > 0) throw new Error(`${where}: lines ${missed.join(', ')} never showed`);
  return pages;
}
