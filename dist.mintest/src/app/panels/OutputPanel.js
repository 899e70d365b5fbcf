import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// Live panel: what the programs run by the last step printed, newest lines kept.
import { Box, Text } from 'ink';
import { PanelTitle } from '../PanelTitle.js';
export function outputPanelWant(lines) {
    return lines.length > 0 ? 1 + lines.length : 0;
}
export function OutputPanel({ lines, label, width, height }) {
    if (height <= 0 || lines.length === 0)
        return null;
    const room = height - 1;
    const shown = lines.length > room ? lines.slice(lines.length - Math.max(0, room)) : lines;
    const hidden = lines.length - shown.length;
    return (_jsxs(Box, { flexDirection: "column", width: width, children: [_jsx(PanelTitle, { title: "Output", note: hidden > 0 ? `${label} · ${hidden} earlier lines` : label, width: width }), shown.map((line, i) => (_jsx(Text, { wrap: "truncate-end", children: line.replace(/\t/g, '  ').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '') }, i)))] }));
}
