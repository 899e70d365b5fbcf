import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// Before an untrusted lesson's first step: what it will do with root, step by step, and the question.
import { useState } from 'react';
import { Box, Text, useInput } from 'ink';
import { wrapPlain } from './textWrap.js';
/** The list as lines `width` wide: each step's title, each of its effects indented below. */
export function consentListLines(steps, width) {
    const out = [];
    steps.forEach((s, i) => {
        out.push(...wrapPlain(`${String(i + 1).padStart(2)}. ${s.step}`, width, '    '));
        for (const e of s.effects)
            out.push(...wrapPlain(`• ${e}`, width - 6, '  ').map((l) => `      ${l}`));
    });
    return out;
}
/** y or Enter goes on; ↑ ↓ scroll a list longer than the screen; any other key goes back to the menu. */
export function ConsentScreen({ title, from, steps, columns, rows, active, onAccept, onDecline }) {
    const width = Math.max(20, columns);
    const head = [
        ...wrapPlain(`"${title}" comes from ${from}, not from the container-lab package.`, width),
        ...wrapPlain('Before its first step: this is what it will do with root, step by step.', width),
    ];
    const question = 'y or Enter: go on · any other key: back to the menu';
    const list = consentListLines(steps, width);
    const room = Math.max(1, rows - head.length - 4);
    const [top, setTop] = useState(0);
    const maxTop = Math.max(0, list.length - room);
    useInput((input, key) => {
        if (key.upArrow)
            setTop((t) => Math.max(0, t - 1));
        else if (key.downArrow)
            setTop((t) => Math.min(maxTop, t + 1));
        else if (key.return || input === 'y' || input === 'Y')
            onAccept();
        else
            onDecline();
    }, { isActive: active });
    const shown = list.slice(top, top + room);
    const more = list.length - top - shown.length;
    return (_jsxs(Box, { flexDirection: "column", width: width, children: [_jsx(Text, { bold: true, color: "yellow", wrap: "truncate-end", children: `Untrusted lesson: ${title}` }), head.map((l, i) => (_jsx(Text, { wrap: "truncate-end", children: l }, `h${i}`))), shown.map((l, i) => (_jsx(Text, { wrap: "truncate-end", children: l }, `l${top + i}`))), _jsx(Text, { dimColor: true, wrap: "truncate-end", children: more > 0 || top > 0 ? `(${more} more lines below, ${top} above: ↑ ↓ scroll)` : ' ' }), _jsx(Text, { bold: true, wrap: "truncate-end", children: question })] }));
}
