// Live panel: each overlay mount's layers (upper, lowers top to bottom, work) and what its upperdir holds.
import { Box } from 'ink';
import type { OverlayState } from '../../types.js';
import { elideMiddle } from '../../format/elide.js';
import { PanelTitle } from '../PanelTitle.js';
import { segWidth, type Seg } from '../../format/seg.js';
import { SegLine } from './SegLine.js';

type Entry = OverlayState['upperEntries'][number];
type Line = Seg[];

const LABEL = 7;
const label = (text: string): Seg => ({ text: text.padEnd(LABEL), dim: true });

/** Two or more overlays stacked on the very same lower layers. */
export function lowersShared(overlays: OverlayState[]): boolean {
  if (overlays.length < 2) return false;
  const first = overlays[0].lower;
  return overlays.every((o) => o.lower.length === first.length && o.lower.every((l, i) => l === first[i]));
}

/**
 * The directory every path of the overlays lives under (ending in "/"), when it says something:
 * at least two levels deep, and no path is the directory itself. Empty otherwise.
 */
export function commonDir(paths: string[]): string {
  const abs = paths.filter((p) => p.startsWith('/'));
  if (abs.length === 0 || abs.length !== paths.length) return '';
  const split = abs.map((p) => p.split('/').slice(0, -1));
  let n = 0;
  while (split.every((s) => s[n] !== undefined && s[n] === split[0][n])) n++;
  const dir = split[0].slice(0, n).join('/');
  return n >= 3 ? `${dir}/` : '';
}

/** A lower layer's place in the stack: the first is the top, the last is the base. */
export function layerRole(index: number, count: number): string {
  if (index === count - 1) return 'base';
  return index === 0 ? 'top' : '';
}

/** An upperdir entry's path as shown: relative to the upperdir, a directory with a trailing "/". */
function entryPath(e: Entry, upper: string): string {
  let p = e.path.startsWith(`${upper}/`) ? e.path.slice(upper.length + 1) : e.path;
  p = p.replace(/^\/+/, '');
  if ((e.kind === 'dir' || e.kind === 'opaque') && !p.endsWith('/')) p += '/';
  return p;
}

/** `+ new.txt`, `w etc/motd (whiteout 0:0)`, `o etc/app/ (opaque dir)` */
export function entrySegs(e: Entry, upper: string): Seg[] {
  const p = entryPath(e, upper);
  switch (e.kind) {
    case 'whiteout':
      return [{ text: 'w ', color: 'red', bold: true }, { text: p, color: 'red' }, { text: ' (whiteout 0:0)', color: 'red', dim: true }];
    case 'opaque':
      return [{ text: 'o ', color: 'yellow', bold: true }, { text: p, color: 'yellow' }, { text: ' (opaque dir)', dim: true }];
    case 'symlink':
      return [{ text: '+ ', color: 'green', bold: true }, { text: p }, { text: ' (symlink)', dim: true }];
    default:
      return [{ text: '+ ', color: 'green', bold: true }, { text: p }];
  }
}

const KIND_RANK: Record<Entry['kind'], number> = { whiteout: 0, opaque: 1, file: 2, symlink: 2, dir: 3 };

/**
 * Upperdir entries packed into at most `maxLines` lines of `width`, two spaces apart after an
 * indent; when they do not all fit, whiteouts and opaque dirs go first and the last line says
 * how many are left out.
 */
export function packEntries(entries: Entry[], upper: string, width: number, maxLines: number): Line[] {
  if (maxLines <= 0 || entries.length === 0) return [];
  const indent = '  ';
  const pack = (list: Entry[]): Line[] => {
    const out: Line[] = [];
    let cur: Line = [{ text: indent }];
    for (const e of list) {
      const segs = entrySegs(e, upper);
      const sep: Seg[] = cur.length > 1 ? [{ text: '  ' }] : [];
      if (cur.length > 1 && segWidth(cur) + segWidth(sep) + segWidth(segs) > width) {
        out.push(cur);
        cur = [{ text: indent }, ...segs];
      } else cur = [...cur, ...sep, ...segs];
    }
    out.push(cur);
    return out;
  };
  const all = pack(entries);
  if (all.length <= maxLines) return all;
  const ordered = entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => KIND_RANK[a.e.kind] - KIND_RANK[b.e.kind] || a.i - b.i)
    .map((x) => x.e);
  // the first k entries and "+N more" on the last line; more entries never take fewer lines,
  // so the largest k that fits is found by bisection (an upper dir can hold thousands)
  const withMore = (k: number): Line[] => {
    const lines = pack(ordered.slice(0, k));
    const more: Seg = { text: `${k > 0 ? '  ' : ''}+${ordered.length - k} more`, dim: true };
    const last = lines[lines.length - 1];
    if (segWidth(last) + segWidth([more]) <= width) lines[lines.length - 1] = [...last, more];
    else lines.push([{ text: indent }, { ...more, text: more.text.trimStart() }]);
    return lines;
  };
  let lo = 0;
  let hi = ordered.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (withMore(mid).length <= maxLines) lo = mid;
    else hi = mid - 1;
  }
  return withMore(lo).slice(0, maxLines);
}

interface Shape {
  rel: (p: string) => string;
  shared: boolean;
}

/**
 * Paths sharing `room` columns: each keeps its own length while all fit, otherwise the longer
 * ones lose their middle (the tail, e.g. `c1/upper`, is what tells them apart).
 */
export function fitPaths(paths: string[], room: number): string[] {
  const len = (p: string): number => [...p].length;
  if (paths.reduce((n, p) => n + len(p), 0) <= room) return paths;
  // an equal share, with what the short ones leave over going to the long ones
  let share = Math.floor(room / Math.max(1, paths.length));
  for (let i = 0; i < paths.length; i++) {
    const short = paths.filter((p) => len(p) <= share);
    const spare = room - short.reduce((n, p) => n + len(p), 0);
    const long = paths.length - short.length;
    const next = long > 0 ? Math.floor(spare / long) : share;
    if (next <= share) break;
    share = next;
  }
  return paths.map((p) => elidePath(p, Math.max(12, share)));
}

/** A path cut to `target` columns, keeping a third from the start and the rest from the end. */
export function elidePath(path: string, target: number): string {
  const chars = [...path];
  if (chars.length <= target) return path;
  const head = Math.floor((target - 1) / 3);
  const tail = target - 1 - head;
  return chars.slice(0, head).join('') + '…' + chars.slice(chars.length - tail).join('');
}

function lowerSegs(lower: string[], shape: Shape, room: number): Seg[][] {
  const roles = lower.map((_, i) => layerRole(i, lower.length));
  const names = fitPaths(
    lower.map((l) => shape.rel(l)),
    room - roles.reduce((n, r) => n + (r ? r.length + 3 : 0), 0),
  );
  return names.map((name, i) => [{ text: name }, ...(roles[i] ? [{ text: ` (${roles[i]})`, dim: true }] : [])]);
}

/** The lower stack on one line, top first: `layers/1 (top) › layers/0 (base)`. */
function lowerInline(lower: string[], shape: Shape, room: number): Seg[] {
  const out: Seg[] = [];
  lowerSegs(lower, shape, room - 3 * Math.max(0, lower.length - 1)).forEach((segs, i) => {
    if (i > 0) out.push({ text: ' › ', dim: true });
    out.push(...segs);
  });
  return out.length > 0 ? out : [{ text: 'none', dim: true }];
}

/** Every line of the roomy form: one path per line, lowers stacked, one upperdir entry per line. */
export function roomyLines(overlays: OverlayState[], width = Infinity): Line[] {
  const shape = shapeOf(overlays);
  const out: Line[] = [];
  const path = (p: string, also = 0): string => fitPaths([shape.rel(p)], width - LABEL - also)[0];
  const stack = (lower: string[], note: string): void => {
    lower.forEach((l, i) => {
      const role = layerRole(i, lower.length);
      out.push([
        label(i === 0 ? 'lower' : ''),
        { text: path(l, role ? role.length + 3 : 0) },
        ...(role ? [{ text: ` (${role})`, dim: true }] : []),
        ...(i === 0 ? [{ text: `  ${note}`, dim: true }] : []),
      ]);
    });
    if (lower.length === 0) out.push([label('lower'), { text: 'none', dim: true }]);
  };
  if (shape.shared) stack(overlays[0].lower, `read-only, top to bottom, shared by all ${overlays.length}`);
  for (const o of overlays) {
    out.push([label('merged'), { text: path(o.merged), bold: true }, { text: '  the union view', dim: true }]);
    out.push([label('upper'), { text: path(o.upper) }, { text: '  read-write: changes land here', dim: true }]);
    if (!shape.shared) stack(o.lower, 'read-only, top to bottom');
    out.push([label('work'), { text: path(o.work) }]);
    if (o.upperEntries.length === 0) out.push([{ text: '  upper is empty: nothing changed yet', dim: true }]);
    else for (const e of o.upperEntries) out.push([{ text: '  ' }, ...entrySegs(e, o.upper)]);
  }
  return out;
}

/** The legend for the entry markers, when any entry is shown. */
function legend(overlays: OverlayState[]): Line | null {
  const kinds = new Set(overlays.flatMap((o) => o.upperEntries.map((e) => e.kind)));
  if (kinds.size === 0) return null;
  const parts: Seg[] = [{ text: '+ new or copied up', dim: true }];
  if (kinds.has('whiteout')) parts.push({ text: ' · w whiteout (hides a lower file)', dim: true });
  if (kinds.has('opaque')) parts.push({ text: ' · o opaque (hides the lower dir)', dim: true });
  return parts;
}

/**
 * The compact form in `room` lines: per overlay one line of paths, one of lowers (once for all
 * when shared), then its entries packed several to a line, sharing what room is left.
 */
export function compactLines(overlays: OverlayState[], width: number, room: number): { lines: Line[]; shown: number } {
  const shape = shapeOf(overlays);
  const out: Line[] = [];
  if (shape.shared) {
    out.push([label('lower'), ...lowerInline(overlays[0].lower, shape, width - LABEL - 10), { text: '  (shared)', dim: true }]);
  }
  const heads = overlays.map((o) => {
    const empty: Seg[] = o.upperEntries.length === 0 ? [{ text: '  (upper empty)', dim: true }] : [];
    const fixed = 'merged '.length + ' · upper '.length + ' · work '.length + segWidth(empty);
    const [merged, upper, work] = fitPaths([o.merged, o.upper, o.work].map(shape.rel), width - fixed);
    const head: Line = [
      { text: 'merged ', dim: true },
      { text: merged, bold: true },
      { text: ' · upper ', dim: true },
      { text: upper },
      { text: ' · work ', dim: true },
      { text: work },
      ...empty,
    ];
    return shape.shared ? [head] : [head, [{ text: '  lower ', dim: true }, ...lowerInline(o.lower, shape, width - 8)]];
  });
  // whole overlays first, as many as fit with at least one line of entries each
  let left = room - out.length;
  const kept: number[] = [];
  for (let i = 0; i < overlays.length; i++) {
    const need = heads[i].length + (overlays[i].upperEntries.length > 0 ? 1 : 0);
    if (need > left && kept.length > 0) break;
    kept.push(i);
    left -= need;
  }
  // spare lines go round the kept overlays while their entries need more
  const extra = kept.map(() => 0);
  const needs = kept.map((i) => packEntries(overlays[i].upperEntries, overlays[i].upper, width, Infinity).length);
  for (let grew = true; left > 0 && grew; ) {
    grew = false;
    kept.forEach((i, k) => {
      if (left <= 0 || overlays[i].upperEntries.length === 0) return;
      if (1 + extra[k] < needs[k]) {
        extra[k]++;
        left--;
        grew = true;
      }
    });
  }
  kept.forEach((i, k) => {
    out.push(...heads[i]);
    const o = overlays[i];
    if (o.upperEntries.length > 0) out.push(...packEntries(o.upperEntries, o.upper, width, 1 + extra[k]));
  });
  return { lines: out.slice(0, Math.max(0, room)), shown: kept.length };
}

function shapeOf(overlays: OverlayState[]): Shape {
  const prefix = commonDir(overlays.flatMap((o) => [o.merged, o.upper, o.work, ...o.lower]));
  return {
    rel: (p: string) => (prefix && p.startsWith(prefix) ? p.slice(prefix.length) : p),
    shared: lowersShared(overlays),
  };
}

export function layersPanelWant(overlays: OverlayState[] | undefined): number {
  if (!overlays || overlays.length === 0) return 0;
  return 1 + roomyLines(overlays).length + (legend(overlays) ? 1 : 0);
}

/** Lines the compact form needs at the least: the title, the paths, and a line of entries each. */
export function layersPanelMin(overlays: OverlayState[] | undefined): number {
  if (!overlays || overlays.length === 0) return 0;
  const shared = lowersShared(overlays);
  return 1 + (shared ? 1 : 0) + overlays.reduce((n, o) => n + (shared ? 1 : 2) + (o.upperEntries.length > 0 ? 1 : 0), 0);
}

export interface LayersPanelProps {
  overlays: OverlayState[] | undefined;
  width: number;
  height: number;
}

const TITLE = 'Layers';

/** What the title says: how many overlays, whether they share their lowers, how many did not fit. */
function titleNote(overlays: OverlayState[], shown: number): string {
  return [
    overlays.length === 1 ? 'overlay' : `${overlays.length} overlays`,
    ...(lowersShared(overlays) ? ['lower layers shared'] : []),
    ...(shown < overlays.length ? [`+${overlays.length - shown} not shown`] : []),
  ].join(' · ');
}

export function LayersPanel({ overlays, width, height }: LayersPanelProps) {
  if (height <= 0 || !overlays || overlays.length === 0) return null;
  // paths are shown relative to the directory they share; it goes in the title when there is
  // room for it (cut in the middle if need be), otherwise on a line of its own
  const prefix = commonDir(overlays.flatMap((o) => [o.merged, o.upper, o.work, ...o.lower]));
  const roomFor = (head: string): number => width - TITLE.length - 2 - head.length - ' · in '.length - 1;
  const prefixInTitle = prefix === '' || roomFor(titleNote(overlays, overlays.length)) >= Math.min(prefix.length, 16);
  const prefixLine: Line[] =
    prefixInTitle || height < 5 ? [] : [[{ text: 'in ', dim: true }, { text: elideMiddle(prefix, Math.max(8, width - 3)) }]];
  const room = height - 1 - prefixLine.length;
  const roomy = roomyLines(overlays, width);
  const key = legend(overlays);
  let body: Line[];
  let shown = overlays.length;
  if (roomy.length <= room) body = key && roomy.length < room ? [...roomy, key] : roomy;
  else ({ lines: body, shown } = compactLines(overlays, width, room));
  const head = titleNote(overlays, shown);
  const note = prefix && prefixLine.length === 0 ? `${head} · in ${elideMiddle(prefix, Math.max(8, roomFor(head)))}` : head;
  return (
    <Box flexDirection="column" width={width}>
      <PanelTitle title={TITLE} note={note} width={width} />
      {[...prefixLine, ...body].map((segs, i) => (
        <SegLine key={i} segs={segs} />
      ))}
    </Box>
  );
}
