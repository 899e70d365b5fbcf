import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// A failure shown in red: a bordered box with the hint, or two plain lines when room is short.
import { Box, Text } from 'ink';
import { wrapPlain } from './textWrap.js';
/** The text lines inside a box `width` wide (border and padding take 4 columns). */
export function errorBoxLines(message, hint, width) {
    const inner = Math.max(8, width - 4);
    const lines = wrapPlain(message, inner);
    if (hint)
        lines.push(...wrapPlain(`hint: ${hint}`, inner, '      '));
    return lines;
}
/** Lines the compact form takes: the error on one line, the hint on another. */
export function errorCompactHeight(hint) {
    return hint ? 2 : 1;
}
/** Lines the box takes: borders, title and text. */
export function errorBoxHeight(message, hint, width) {
    return 3 + errorBoxLines(message, hint, width).length;
}
export function ErrorBox({ title, message, hint, width, height }) {
    // Too little room for the box: one red line for the error, one for the hint.
    if (height !== undefined && height < errorBoxHeight(message, hint, width)) {
        if (height <= 0)
            return null;
        return (_jsxs(Box, { width: width, flexDirection: "column", children: [_jsx(Text, { wrap: "truncate-end", color: "red", bold: true, children: `${title}: ${message.replace(/\s*\n\s*/g, ' ')}` }), hint && height >= 2 ? (_jsx(Text, { wrap: "truncate-end", color: "yellow", children: `hint: ${hint}` })) : null] }));
    }
    const all = errorBoxLines(message, hint, width);
    const room = height === undefined ? all.length : Math.max(0, height - 3);
    const shown = all.slice(0, room);
    if (shown.length < all.length && shown.length > 0)
        shown[shown.length - 1] = '…';
    const msgCount = wrapPlain(message, Math.max(8, width - 4)).length;
    return (_jsxs(Box, { width: width, flexDirection: "column", borderStyle: "round", borderColor: "red", paddingX: 1, children: [_jsx(Text, { wrap: "truncate-end", bold: true, color: "red", children: title }), shown.map((line, i) => (_jsx(Text, { wrap: "truncate-end", color: i < msgCount ? 'red' : 'yellow', children: line }, i)))] }));
}
