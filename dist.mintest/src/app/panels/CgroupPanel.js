import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// Live panel: the container's cgroup files under their real names, each raw value next to what it means (worked out in src/observe/interpret/cgroupReading.ts).
import { Box } from 'ink';
import { elideMiddle } from '../../format/elide.js';
import { segWidth } from '../../format/seg.js';
import { PanelTitle } from '../PanelTitle.js';
import { SegLine } from './SegLine.js';
/** `key value` pairs as pieces: alerting pairs in their colour, the others with a dim key. */
function pairSegs(pairs) {
    const segs = [];
    pairs.forEach(({ key, value, alert }, i) => {
        if (i > 0)
            segs.push({ text: ' ' });
        if (alert)
            segs.push({ text: `${key} ${value}`, color: alert, bold: true });
        else
            segs.push({ text: `${key} `, dim: true }, { text: value });
    });
    return segs;
}
/** The reading as pieces; a single value that alerts is drawn in the alert's colour. */
export function cgroupRow(reading) {
    const { pairs, alert } = reading;
    const value = pairs ? pairSegs(pairs) : [{ text: reading.text, ...(alert ? { color: alert, bold: true } : {}) }];
    const short = reading.shortPairs.map((kept) => [...pairSegs(kept), { text: ' …', dim: true }]);
    return { ...reading, value, short };
}
export function cgroupPanelWant(files) {
    return files && files.length > 0 ? 1 + files.length : 0;
}
/**
 * The rows to show in `room` lines, in file order: the most telling first (the reading's rank:
 * limits and their counters, then files that alert), then the rest.
 */
export function pickCgroupRows(rows, room) {
    if (rows.length <= room)
        return rows;
    const chosen = rows
        .map((r, i) => ({ r, i }))
        .sort((a, b) => a.r.rank - b.r.rank || a.i - b.i)
        .slice(0, Math.max(0, room))
        .sort((a, b) => a.i - b.i);
    return chosen.map((c) => c.r);
}
/** Where the files live, fitted to `room`: the directory, or its pattern and ` · 3 hierarchies`. */
export function cgroupDirNote(place, room) {
    if (!place)
        return '';
    if (place.count === 1)
        return elideMiddle(place.pattern, Math.max(8, room));
    const count = ` · ${place.count} hierarchies`;
    return elideMiddle(place.pattern, Math.max(8, room - count.length)) + count;
}
const barColor = (fraction) => (fraction >= 0.9 ? 'red' : fraction >= 0.75 ? 'yellow' : 'green');
/** One row as pieces: padded name, raw value, notes in brackets, and the usage bar when it fits. */
export function cgroupRowSegs(row, nameWidth, width) {
    const { alert } = row;
    const head = {
        text: row.file.name.padEnd(nameWidth) + '  ',
        color: alert ?? undefined,
        bold: alert !== null,
    };
    const note = row.notes.length > 0 ? [{ text: `  (${row.notes.join(', ')})`, dim: alert === null }] : [];
    // the whole value when the line fits; else the first form that leaves the file's meaning visible
    let segs = [head, ...row.value, ...note];
    if (segWidth(segs) > width && row.short.length > 0) {
        const meaning = row.file.meaning && row.notes[0] === row.file.meaning ? 4 + [...row.file.meaning].length : 0;
        const forms = [row.value, ...row.short];
        const value = forms.find((v) => segWidth([head, ...v]) + meaning <= width) ?? forms[forms.length - 1];
        segs = [head, ...value, ...note];
    }
    if (row.fraction !== undefined) {
        const cells = 10;
        const full = Math.max(0, Math.min(cells, Math.round(row.fraction * cells)));
        const bar = [{ text: '  ' }, { text: '█'.repeat(full), color: barColor(row.fraction) }, { text: '░'.repeat(cells - full), dim: true }];
        if (segWidth(segs) + segWidth(bar) <= width)
            segs = [...segs, ...bar];
    }
    return segs;
}
export function CgroupPanel({ reading, width, height }) {
    if (height <= 0 || !reading || reading.files.length === 0)
        return null;
    const rows = reading.files.map(cgroupRow);
    const shown = pickCgroupRows(rows, height - 1);
    const more = rows.length - shown.length;
    const moreText = more > 0 ? ` · +${more} more` : '';
    const title = 'cgroup';
    const dirNote = cgroupDirNote(reading.place, width - title.length - 3 - moreText.length);
    const nameWidth = Math.min(28, Math.max(...shown.map((r) => r.file.name.length)));
    return (_jsxs(Box, { flexDirection: "column", width: width, children: [_jsx(PanelTitle, { title: title, note: `${dirNote}${moreText}`, width: width, color: rows.some((r) => r.alert === 'red') ? 'red' : 'cyan' }), shown.map((r) => (_jsx(SegLine, { segs: cgroupRowSegs(r, nameWidth, width) }, r.file.dir + r.file.name)))] }));
}
