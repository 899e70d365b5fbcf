import { jsx as _jsx } from "react/jsx-runtime";
// A line drawn above every screen of the app (the replay's "REPLAY — … nothing here runs"); it never goes away.
import { Text } from 'ink';
/** One line: the longest form that fits; else the shortest, cut at the width (its start, the word that matters, always shows). */
export function Banner({ text, width }) {
    const fits = text.find((t) => [...t].length <= width);
    const chars = [...(text[text.length - 1] ?? '')];
    const shown = fits ?? chars.slice(0, Math.max(0, width - 1)).join('') + '…';
    return (_jsx(Text, { bold: true, inverse: true, color: "yellow", children: shown }));
}
