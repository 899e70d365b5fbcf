import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// Live panel: each overlay mount's layers (upper, lowers top to bottom, work) and what its upperdir holds (read in src/observe/interpret/layersReading.ts).
import { Box } from 'ink';
import { CHANGE_MEANING, } from '../../observe/interpret/layersReading.js';
import { elideMiddle } from '../../format/elide.js';
import { PanelTitle } from '../PanelTitle.js';
import { segWidth } from '../../format/seg.js';
import { SegLine } from './SegLine.js';
const LABEL = 7;
const label = (text) => ({ text: text.padEnd(LABEL), dim: true });
/** Each change's marker, its colour, and the colours of the path and the note after it. */
const STYLE = {
    added: { mark: '+', color: 'green' },
    whiteout: { mark: 'w', color: 'red', path: 'red', note: 'red' },
    opaque: { mark: 'o', color: 'yellow', path: 'yellow' },
};
/** `+ new.txt`, `w etc/motd (whiteout 0:0)`, `o etc/app/ (opaque dir)` */
export function entrySegs(e) {
    const style = STYLE[e.change];
    return [
        { text: `${style.mark} `, color: style.color, bold: true },
        { text: e.path, color: style.path },
        ...(e.note ? [{ text: ` (${e.note})`, color: style.note, dim: true }] : []),
    ];
}
/**
 * Upperdir entries packed into at most `maxLines` lines of `width`, two spaces apart after an
 * indent; when they do not all fit, whiteouts and opaque dirs go first and the last line says
 * how many are left out.
 */
export function packEntries(entries, width, maxLines) {
    if (maxLines <= 0 || entries.length === 0)
        return [];
    const indent = '  ';
    const pack = (list) => {
        const out = [];
        let cur = [{ text: indent }];
        for (const e of list) {
            const segs = entrySegs(e);
            const sep = cur.length > 1 ? [{ text: '  ' }] : [];
            if (cur.length > 1 && segWidth(cur) + segWidth(sep) + segWidth(segs) > width) {
                out.push(cur);
                cur = [{ text: indent }, ...segs];
            }
            else
                cur = [...cur, ...sep, ...segs];
        }
        out.push(cur);
        return out;
    };
    const all = pack(entries);
    if (all.length <= maxLines)
        return all;
    const ordered = entries
        .map((e, i) => ({ e, i }))
        .sort((a, b) => a.e.rank - b.e.rank || a.i - b.i)
        .map((x) => x.e);
    // the first k entries and "+N more" on the last line; more entries never take fewer lines,
    // so the largest k that fits is found by bisection (an upper dir can hold thousands)
    const withMore = (k) => {
        const lines = pack(ordered.slice(0, k));
        const more = { text: `${k > 0 ? '  ' : ''}+${ordered.length - k} more`, dim: true };
        const last = lines[lines.length - 1];
        if (segWidth(last) + segWidth([more]) <= width)
            lines[lines.length - 1] = [...last, more];
        else
            lines.push([{ text: indent }, { ...more, text: more.text.trimStart() }]);
        return lines;
    };
    let lo = 0;
    let hi = ordered.length - 1;
    while (lo < hi) {
        const mid = Math.ceil((lo + hi) / 2);
        if (withMore(mid).length <= maxLines)
            lo = mid;
        else
            hi = mid - 1;
    }
    return withMore(lo).slice(0, maxLines);
}
/**
 * Paths sharing `room` columns: each keeps its own length while all fit, otherwise the longer
 * ones lose their middle (the tail, e.g. `c1/upper`, is what tells them apart).
 */
export function fitPaths(paths, room) {
    const len = (p) => [...p].length;
    if (paths.reduce((n, p) => n + len(p), 0) <= room)
        return paths;
    // an equal share, with what the short ones leave over going to the long ones
    let share = Math.floor(room / Math.max(1, paths.length));
    for (let i = 0; i < paths.length; i++) {
        const short = paths.filter((p) => len(p) <= share);
        const spare = room - short.reduce((n, p) => n + len(p), 0);
        const long = paths.length - short.length;
        const next = long > 0 ? Math.floor(spare / long) : share;
        if (next <= share)
            break;
        share = next;
    }
    return paths.map((p) => elidePath(p, Math.max(12, share)));
}
/** A path cut to `target` columns, keeping a third from the start and the rest from the end. */
export function elidePath(path, target) {
    const chars = [...path];
    if (chars.length <= target)
        return path;
    const head = Math.floor((target - 1) / 3);
    const tail = target - 1 - head;
    return chars.slice(0, head).join('') + '…' + chars.slice(chars.length - tail).join('');
}
function lowerSegs(lower, room) {
    const names = fitPaths(lower.map((l) => l.path), room - lower.reduce((n, l) => n + (l.role ? l.role.length + 3 : 0), 0));
    return names.map((name, i) => [{ text: name }, ...(lower[i].role ? [{ text: ` (${lower[i].role})`, dim: true }] : [])]);
}
/** The lower stack on one line, top first: `layers/1 (top) › layers/0 (base)`. */
function lowerInline(lower, room) {
    const out = [];
    lowerSegs(lower, room - 3 * Math.max(0, lower.length - 1)).forEach((segs, i) => {
        if (i > 0)
            out.push({ text: ' › ', dim: true });
        out.push(...segs);
    });
    return out.length > 0 ? out : [{ text: 'none', dim: true }];
}
/** Every line of the roomy form: one path per line, lowers stacked, one upperdir entry per line. */
export function roomyLines(reading, width = Infinity) {
    const { overlays } = reading;
    const out = [];
    const path = (p, also = 0) => fitPaths([p], width - LABEL - also)[0];
    const stack = (lower, note) => {
        lower.forEach(({ path: l, role }, i) => {
            out.push([
                label(i === 0 ? 'lower' : ''),
                { text: path(l, role ? role.length + 3 : 0) },
                ...(role ? [{ text: ` (${role})`, dim: true }] : []),
                ...(i === 0 ? [{ text: `  ${note}`, dim: true }] : []),
            ]);
        });
        if (lower.length === 0)
            out.push([label('lower'), { text: 'none', dim: true }]);
    };
    if (reading.lowersShared)
        stack(overlays[0].lower, `read-only, top to bottom, shared by all ${overlays.length}`);
    for (const o of overlays) {
        out.push([label('merged'), { text: path(o.merged), bold: true }, { text: '  the union view', dim: true }]);
        out.push([label('upper'), { text: path(o.upper) }, { text: '  read-write: changes land here', dim: true }]);
        if (!reading.lowersShared)
            stack(o.lower, 'read-only, top to bottom');
        out.push([label('work'), { text: path(o.work) }]);
        if (o.entries.length === 0)
            out.push([{ text: '  upper is empty: nothing changed yet', dim: true }]);
        else
            for (const e of o.entries)
                out.push([{ text: '  ' }, ...entrySegs(e)]);
    }
    return out;
}
/** The legend for the entry markers, when any entry is shown. */
function legend(reading) {
    if (reading.changes.length === 0)
        return null;
    const parts = [{ text: `${STYLE.added.mark} ${CHANGE_MEANING.added}`, dim: true }];
    for (const change of reading.changes) {
        if (change !== 'added')
            parts.push({ text: ` · ${STYLE[change].mark} ${CHANGE_MEANING[change]}`, dim: true });
    }
    return parts;
}
/**
 * The compact form in `room` lines: per overlay one line of paths, one of lowers (once for all
 * when shared), then its entries packed several to a line, sharing what room is left.
 */
export function compactLines(reading, width, room) {
    const { overlays, lowersShared: shared } = reading;
    const out = [];
    if (shared) {
        out.push([label('lower'), ...lowerInline(overlays[0].lower, width - LABEL - 10), { text: '  (shared)', dim: true }]);
    }
    const heads = overlays.map((o) => {
        const empty = o.entries.length === 0 ? [{ text: '  (upper empty)', dim: true }] : [];
        const fixed = 'merged '.length + ' · upper '.length + ' · work '.length + segWidth(empty);
        const [merged, upper, work] = fitPaths([o.merged, o.upper, o.work], width - fixed);
        const head = [
            { text: 'merged ', dim: true },
            { text: merged, bold: true },
            { text: ' · upper ', dim: true },
            { text: upper },
            { text: ' · work ', dim: true },
            { text: work },
            ...empty,
        ];
        return shared ? [head] : [head, [{ text: '  lower ', dim: true }, ...lowerInline(o.lower, width - 8)]];
    });
    // whole overlays first, as many as fit with at least one line of entries each
    let left = room - out.length;
    const kept = [];
    for (let i = 0; i < overlays.length; i++) {
        const need = heads[i].length + (overlays[i].entries.length > 0 ? 1 : 0);
        if (need > left && kept.length > 0)
            break;
        kept.push(i);
        left -= need;
    }
    // spare lines go round the kept overlays while their entries need more
    const extra = kept.map(() => 0);
    const needs = kept.map((i) => packEntries(overlays[i].entries, width, Infinity).length);
    for (let grew = true; left > 0 && grew;) {
        grew = false;
        kept.forEach((i, k) => {
            if (left <= 0 || overlays[i].entries.length === 0)
                return;
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
        if (o.entries.length > 0)
            out.push(...packEntries(o.entries, width, 1 + extra[k]));
    });
    return { lines: out.slice(0, Math.max(0, room)), shown: kept.length };
}
export function layersPanelWant(reading) {
    if (reading.overlays.length === 0)
        return 0;
    return 1 + roomyLines(reading).length + (legend(reading) ? 1 : 0);
}
/** Lines the compact form needs at the least: the title, the paths, and a line of entries each. */
export function layersPanelMin({ overlays, lowersShared: shared }) {
    if (overlays.length === 0)
        return 0;
    return 1 + (shared ? 1 : 0) + overlays.reduce((n, o) => n + (shared ? 1 : 2) + (o.entries.length > 0 ? 1 : 0), 0);
}
const TITLE = 'Layers';
/** What the title says: how many overlays, whether they share their lowers, how many did not fit. */
function titleNote({ overlays, lowersShared: shared }, shown) {
    return [
        overlays.length === 1 ? 'overlay' : `${overlays.length} overlays`,
        ...(shared ? ['lower layers shared'] : []),
        ...(shown < overlays.length ? [`+${overlays.length - shown} not shown`] : []),
    ].join(' · ');
}
export function LayersPanel({ reading, width, height }) {
    if (height <= 0 || !reading || reading.overlays.length === 0)
        return null;
    const { overlays } = reading;
    // paths are shown relative to the directory they share; it goes in the title when there is
    // room for it (cut in the middle if need be), otherwise on a line of its own
    const prefix = reading.dir;
    const roomFor = (head) => width - TITLE.length - 2 - head.length - ' · in '.length - 1;
    const prefixInTitle = prefix === '' || roomFor(titleNote(reading, overlays.length)) >= Math.min(prefix.length, 16);
    const prefixLine = prefixInTitle || height < 5 ? [] : [[{ text: 'in ', dim: true }, { text: elideMiddle(prefix, Math.max(8, width - 3)) }]];
    const room = height - 1 - prefixLine.length;
    const roomy = roomyLines(reading, width);
    const key = legend(reading);
    let body;
    let shown = overlays.length;
    if (roomy.length <= room)
        body = key && roomy.length < room ? [...roomy, key] : roomy;
    else
        ({ lines: body, shown } = compactLines(reading, width, room));
    const head = titleNote(reading, shown);
    const note = prefix && prefixLine.length === 0 ? `${head} · in ${elideMiddle(prefix, Math.max(8, roomFor(head)))}` : head;
    return (_jsxs(Box, { flexDirection: "column", width: width, children: [_jsx(PanelTitle, { title: TITLE, note: note, width: width }), [...prefixLine, ...body].map((segs, i) => (_jsx(SegLine, { segs: segs }, i)))] }));
}
