import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// Help screen over everything: the keys (from the key table, keys.ts) and how to read the panels. Esc, ? or q closes it.
import { Box, Text } from 'ink';
import { closeHelpLine, helpSections } from './keys.js';
/** The menu's and the lesson's key lines, live or in a replay's words. */
const keyLines = (replay) => helpSections(replay).map(({ title, bindings }) => [['', title], ...bindings.map((b) => [b.help.keys, b.help.does])]);
const KEYS = { live: keyLines(false), replay: keyLines(true) };
const legend = (replay) => [
    ['', replay ? 'Reading the panels (as recorded; nothing is read now)' : 'Reading the panels (live, read from the kernel)'],
    ['· ▶ ✓ ✗', 'step pending, running, done, failed'],
    ['≠ own · +', 'a namespace of its own (inode differs) · a mount the host lacks'],
    ['= -1 EPERM', 'a call the kernel refused, in red'],
];
/** Columns of the key column: the longest key and a space (the help's lines line up on it). */
export const HELP_KEY_WIDTH = Math.max(12, ...[...KEYS.live.flat(), ...legend(false)].map(([key]) => [...key].length + 1));
/** The help's lines for `room` lines: in a lesson its keys and the legend; from the menu every key, and the legend when it fits. */
export function helpLines(room, inLesson, replay = false) {
    const [MENU, LESSON] = KEYS[replay ? 'replay' : 'live'];
    const LEGEND = legend(replay);
    if (inLesson)
        return [...LESSON, ...LEGEND].slice(0, room);
    const keys = [...MENU, ...LESSON];
    return (keys.length + LEGEND.length <= room ? [...keys, ...LEGEND] : keys).slice(0, room);
}
export function HelpOverlay({ columns, rows, inLesson = false, replay = false }) {
    const width = Math.max(20, Math.min(columns, 78));
    const room = Math.max(1, rows - 1 - 4);
    const shown = helpLines(room, inLesson, replay);
    return (_jsxs(Box, { flexDirection: "column", width: width, borderStyle: "round", borderColor: "cyan", paddingX: 1, children: [_jsx(Text, { wrap: "truncate-end", bold: true, color: "cyan", children: "container-lab help" }), shown.map(([key, text], i) => key === '' ? (_jsx(Text, { wrap: "truncate-end", bold: true, children: text }, i)) : (_jsxs(Text, { wrap: "truncate-end", children: [_jsx(Text, { color: "cyan", children: `  ${key.padEnd(HELP_KEY_WIDTH)}` }), text] }, i))), _jsx(Text, { wrap: "truncate-end", dimColor: true, children: closeHelpLine() })] }));
}
