import { jsx as _jsx } from "react/jsx-runtime";
// Information for the learner (not a failure): a calm line under the header, wrapped to at most a few lines.
import { Box, Text } from 'ink';
import { wrapPlain } from './textWrap.js';
export const NOTICE_MARK = 'ℹ ';
/** The lines a notice takes at this width, at most `max`. */
export function noticeLines(message, width, max = 3) {
    const lines = wrapPlain(NOTICE_MARK + message, Math.max(8, width), '  ');
    if (lines.length <= max)
        return lines;
    const shown = lines.slice(0, max);
    shown[max - 1] = shown[max - 1].replace(/.?$/, '…');
    return shown;
}
export function NoticeLine({ message, width, max }) {
    return (_jsx(Box, { flexDirection: "column", width: width, children: noticeLines(message, width, max).map((line, i) => (_jsx(Text, { wrap: "truncate-end", color: "cyan", children: line }, i))) }));
}
