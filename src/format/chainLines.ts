// The chain panel's lines, worked out from the view: API exchanges, a timeline, a bar chart, daemon blocks.
import type { ChainView, HttpExchange } from '../types.js';
import type { Seg } from './seg.js';
import { timelineLines } from './timelineLines.js';

export type ChainLine = { title: string; note?: string } | { segs: Seg[] };

interface Section {
  kind: 'http' | 'timeline' | 'hops' | 'block';
  title: string;
  note?: string;
  /** body lines, most important first when `keep` is "first", newest last when "last" */
  body: Seg[][];
  keep: 'first' | 'last';
  /** lines of the body that may go first when room is short (an exchange's body summaries) */
  optional?: boolean[];
  /** the same body in fewer lines, for when the whole does not fit (the hops, packed) */
  packed?: Seg[][];
}

function statusColor(status: number | null): string | undefined {
  if (status === null) return 'yellow';
  if (status === 101) return 'cyan';
  if (status >= 200 && status < 300) return 'green';
  if (status >= 400) return 'red';
  return undefined;
}

/** Container ids in paths as docker shows them: 12 hex digits. */
export function shortIds(path: string): string {
  return path.replace(/[0-9a-f]{64}/g, (id) => id.slice(0, 12));
}

function shortTarget(path: string, room: number): string {
  if ([...path].length <= room) return path;
  return [...path].slice(0, Math.max(8, room - 1)).join('') + '…';
}

function httpSection(http: HttpExchange[], width: number): Section {
  const body: Seg[][] = [];
  const optional: boolean[] = [];
  for (const e of http) {
    const status = e.status === null ? '…' : `${e.status}${e.statusText ? ' ' + e.statusText : ''}`;
    const ms = e.ms !== undefined ? ` ${Math.round(e.ms)} ms` : '';
    const room = width - 4 - e.method.length - 4 - status.length - ms.length;
    body.push([
      { text: `${String(e.seq).padStart(2)} `, dim: true },
      { text: e.method + ' ', bold: true },
      { text: shortTarget(shortIds(e.path), Math.max(10, room)) + ' ' },
      { text: '→ ' + status, color: statusColor(e.status), bold: true },
      { text: ms, dim: true },
    ]);
    optional.push(false);
    const detail = [e.request ? `→ ${e.request}` : '', e.response ? `← ${e.response}` : ''].filter(Boolean).join('  ');
    if (detail) {
      body.push([{ text: '   ' + detail, dim: true }]);
      optional.push(true);
    }
  }
  return { kind: 'http', title: 'Docker API', note: `${http.length} requests on the socket, as the proxy saw them`, body, keep: 'last', optional };
}

function bar(ms: number, max: number, room: number): string {
  const cells = max > 0 ? Math.max(ms > 0 ? 1 : 0, Math.round((ms / max) * room)) : 0;
  return '█'.repeat(cells);
}

const SPARK = '▁▂▃▄▅▆▇█';
const msText = (ms: number): string => `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;

/**
 * The hops packed several to a line, each a block as tall as its share of the longest, its label
 * and its time: every hop in a few lines when there is no room for a bar each.
 */
export function packedHops(bars: Array<{ label: string; ms: number }>, width: number): Seg[][] {
  const max = Math.max(0, ...bars.map((b) => b.ms));
  const out: Seg[][] = [];
  let line: Seg[] = [];
  let used = 0;
  for (const b of bars) {
    const level = max > 0 ? Math.max(0, Math.min(SPARK.length - 1, Math.round((b.ms / max) * (SPARK.length - 1)))) : 0;
    const item: Seg[] = [
      { text: SPARK[level] + ' ', color: 'magenta' },
      { text: b.label + ' ' },
      { text: msText(b.ms), bold: true },
    ];
    const w = item.reduce((n, x) => n + [...x.text].length, 0);
    if (line.length > 0 && used + 3 + w > width) {
      out.push(line);
      line = [];
      used = 0;
    }
    if (line.length > 0) {
      line.push({ text: ' · ', dim: true });
      used += 3;
    }
    line.push(...item);
    used += w;
  }
  if (line.length > 0) out.push(line);
  return out;
}

/** All sections the view has, in the order they are drawn. */
function sections(view: ChainView, width: number): Section[] {
  const out: Section[] = [];
  if (view.http && view.http.length > 0) out.push(httpSection(view.http, width));
  if (view.timeline && view.timeline.entries.length > 0) {
    out.push({ kind: 'timeline', title: view.timeline.title, note: 'ms after the keypress', keep: 'first', body: timelineLines(view.timeline.entries, width) });
  }
  if (view.hops && view.hops.bars.length > 0) {
    const labelW = Math.min(28, Math.max(...view.hops.bars.map((b) => [...b.label].length)));
    const max = Math.max(...view.hops.bars.map((b) => b.ms));
    const total = view.hops.bars.reduce((n, b) => n + b.ms, 0);
    const room = Math.max(4, width - labelW - 12);
    out.push({
      kind: 'hops',
      title: view.hops.title,
      note: `${Math.round(total)} ms in all`,
      keep: 'first',
      body: view.hops.bars.map((b) => [
        { text: b.label.padEnd(labelW) + ' ' },
        { text: bar(b.ms, max, room), color: 'magenta' },
        { text: ` ${msText(b.ms)}`, bold: true },
      ]),
      packed: packedHops(view.hops.bars, width),
    });
  }
  for (const b of view.blocks ?? []) {
    out.push({ kind: 'block', title: b.title, keep: 'first', body: b.lines.map((l) => [{ text: l.replace(/\t/g, '  ') }]) });
  }
  return out;
}

export function chainPanelWant(view: ChainView | undefined, width: number): number {
  if (!view) return 0;
  return sections(view, width).reduce((n, s) => n + 1 + s.body.length, 0);
}

/** Lines of the step's own section alone, packed when it can be (its title and every hop); 0 when the step has none. */
export function chainPanelOwn(view: ChainView | undefined, width: number): number {
  return ownAndOthers(view, width).own;
}

/**
 * Lines that show the step's own section whole, packed when it can be (its title and every hop),
 * and a title and a line of each other section; 0 when the step has no such section. Given
 * fewer, the other sections are left out first.
 */
export function chainPanelMin(view: ChainView | undefined, width: number): number {
  const { own, others } = ownAndOthers(view, width);
  return own > 0 ? own + 2 * others : 0;
}

function ownAndOthers(view: ChainView | undefined, width: number): { own: number; others: number } {
  if (!view || view.focus === undefined) return { own: 0, others: 0 };
  const all = sections(view, width);
  const focus = all.find((s) => s.kind === view.focus);
  return focus ? { own: 1 + (focus.packed ?? focus.body).length, others: all.length - 1 } : { own: 0, others: 0 };
}

/**
 * Fits the sections into `height` lines: every section keeps its title and at least one line
 * when it can; short of room, an exchange's body summaries go first, then the oldest exchanges
 * (the API log keeps its newest lines) or the last lines of a block. `whole` (a zoomed panel):
 * the step's own section is packed as soon as all of it would not fit, so the others lose less.
 */
export function chainPanelLines(view: ChainView | undefined, width: number, height: number, whole = false): ChainLine[] {
  if (!view || height <= 0) return [];
  let list = sections(view, width);
  // short of room for the step's own section whole (packed if it can be) and a title and a line
  // for each of the others, the others go, the last first
  const own = list.find((s) => s.kind === view.focus);
  const ownLines = own ? Math.min(height, 1 + (own.packed ?? own.body).length) : 0;
  while (list.length > 0 && ownLines + (list.length - (own ? 1 : 0)) * 2 > height) {
    const k = list.map((s) => s !== own).lastIndexOf(true);
    if (k < 0) break;
    list = list.filter((_, i) => i !== k);
  }
  if (list.length === 0) return [];
  // the step's own section packed (every hop in a few lines) when it cannot have a line each
  const others = list.reduce((n, s) => n + (s.kind === view.focus ? 0 : whole ? 1 + s.body.length : 2), 0);
  list = list.map((s) => (s.kind === view.focus && s.packed && 1 + s.body.length + others > height ? { ...s, body: s.packed, optional: undefined } : s));
  const bodies = list.map((s) => s.body.map((segs, i) => ({ segs, optional: s.optional?.[i] ?? false })));
  const total = () => bodies.reduce((n, b) => n + 1 + b.length, 0);
  // first drop optional detail lines, oldest first
  for (const b of bodies) {
    while (total() > height) {
      const i = b.findIndex((l) => l.optional);
      if (i < 0) break;
      b.splice(i, 1);
    }
  }
  // then trim the longest body, one line at a time, keeping one line each; the step's focus
  // section gives up lines only when the others are down to one
  const isFocus = (i: number) => view.focus !== undefined && list[i].kind === view.focus;
  while (total() > height) {
    let k = -1;
    bodies.forEach((b, i) => {
      if (b.length > 1 && !isFocus(i) && (k < 0 || b.length > bodies[k].length)) k = i;
    });
    if (k < 0) k = bodies.findIndex((b, i) => isFocus(i) && b.length > 1);
    if (k < 0) break;
    if (list[k].keep === 'last') bodies[k].shift();
    else bodies[k].pop();
  }
  const out: ChainLine[] = [];
  list.forEach((s, i) => {
    const hidden = s.body.length - bodies[i].length;
    // the count first: at 80 columns the end of a long note is cut, and the count must stay
    const cut = `${hidden} ${hidden === 1 ? 'line' : 'lines'} not shown`;
    out.push({ title: s.title, note: hidden > 0 ? (s.note ? `${cut} · ${s.note}` : cut) : s.note });
    for (const l of bodies[i]) out.push({ segs: l.segs });
  });
  return out.slice(0, height);
}
