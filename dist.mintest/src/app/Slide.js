import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// The lesson text for the step on screen: a heading line, the rendered markdown from the scroll position, and where that is.
import { Box, Text } from 'ink';
import { slidePosition } from './layout.js';
export function Slide({ heading, lines, view, more = false, hint, width, height }) {
    if (height <= 0)
        return null;
    const shown = lines.slice(view.first, view.first + view.shown);
    return (_jsxs(Box, { flexDirection: "column", width: width, children: [_jsx(Text, { wrap: "truncate-end", bold: true, color: "magenta", children: heading }), shown.map((line, i) => (_jsx(Text, { wrap: "truncate-end", children: line.length > 0 ? line : ' ' }, view.first + i))), view.position ? (_jsxs(Text, { wrap: "truncate-end", children: [_jsx(Text, { color: "cyan", children: slidePosition(view, more) }), hint ? _jsx(Text, { dimColor: true, children: ` · ${hint}` }) : null] })) : null] }));
}
