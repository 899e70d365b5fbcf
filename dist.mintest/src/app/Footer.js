import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// The key line at the bottom of the lesson screen, drawn from the key table (keys.ts) and fitted to the width.
import { Text } from 'ink';
import { footerBindings } from './keys.js';
const BUSY = ' (busy)';
const SEP = 2;
const lineWidth = (entries) => entries.reduce((n, e, i) => n + (i > 0 ? SEP : 0) + [...e.key].length + 1 + [...e.label].length, 0);
/**
 * The entries that fit in `width` columns: the long forms when all fit, else the short ones, then
 * short of room the entries with a `drop` rank leave, lowest first.
 */
export function footerEntries(width, busy, scrollable = false, foldable = false, scope = 'lesson', replay = false) {
    const room = width - (busy ? BUSY.length : 0);
    const listed = footerBindings(scope, replay).filter((b) => (scrollable || !b.footer.onlyScrollable) && (foldable || !b.footer.onlyFoldable));
    const long = listed.map((b) => ({ command: b.command, key: b.footer.key, label: b.footer.label, whileBusy: b.whileBusy === true }));
    if (lineWidth(long) <= room)
        return long;
    let short = listed.map((b) => ({ command: b.command, key: b.footer.compactKey, label: b.footer.compactLabel, whileBusy: b.whileBusy === true, drop: b.footer.drop }));
    const ranks = [...new Set(short.flatMap((e) => (e.drop === undefined ? [] : [e.drop])))].sort((a, b) => a - b);
    for (const rank of ranks) {
        if (lineWidth(short) <= room)
            break;
        short = short.filter((e) => e.drop !== rank);
    }
    return short.map(({ drop: _drop, ...e }) => e);
}
export function Footer({ busy, width, scrollable = false, foldable = false, scope = 'lesson', replay = false }) {
    return (_jsxs(Text, { wrap: "truncate-end", children: [footerEntries(width, busy, scrollable, foldable, scope, replay).map(({ command, key, label, whileBusy }, i) => {
                const off = busy && !whileBusy;
                return (_jsxs(Text, { dimColor: off, children: [i > 0 ? ' '.repeat(SEP) : '', _jsx(Text, { bold: true, color: off ? undefined : 'cyan', children: key }), ` ${label}`] }, command));
            }), busy ? _jsx(Text, { color: "yellow", children: BUSY }) : null] }));
}
