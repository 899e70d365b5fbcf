import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// One panel line built from styled pieces, cut at the column's edge.
import { Text } from 'ink';
export function SegLine({ segs }) {
    return (_jsxs(Text, { wrap: "truncate-end", children: [segs.length === 0 ? ' ' : null, segs.map((s, i) => (_jsx(Text, { color: s.color, bold: s.bold, dimColor: s.dim, children: s.text }, i)))] }));
}
