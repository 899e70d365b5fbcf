import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// Live panel: the checks of the step that ran last, each ✓ or ✗ with what was read.
import { Box, Text } from 'ink';
import { PanelTitle } from '../PanelTitle.js';
import { wrapPlain } from '../textWrap.js';
/** A check as screen lines: one for a pass; a failure's detail wraps onto up to 3 more. */
export function checkLines(check, width) {
    const text = `${check.ok ? '✓' : '✗'} ${check.name}${check.detail ? ` — ${check.detail}` : ''}`;
    if (check.ok)
        return [text];
    return wrapPlain(text, width, '  ').slice(0, 4);
}
export function checksPanelWant(checks, width) {
    return checks.length > 0 ? 1 + checks.reduce((n, c) => n + checkLines(c, width).length, 0) : 0;
}
export function ChecksPanel({ checks, label, width, height }) {
    if (height <= 0 || checks.length === 0)
        return null;
    let room = height - 1;
    // failed checks first when there is no room for all of them
    const fits = checksPanelWant(checks, width) <= height;
    const ordered = fits ? checks : [...checks.filter((c) => !c.ok), ...checks.filter((c) => c.ok)];
    const rows = [];
    for (const check of ordered) {
        if (room <= 0)
            break;
        const lines = checkLines(check, width).slice(0, room);
        rows.push({ check, lines });
        room -= lines.length;
    }
    const passed = checks.filter((c) => c.ok).length;
    const more = checks.length - rows.length;
    return (_jsxs(Box, { flexDirection: "column", width: width, children: [_jsx(PanelTitle, { title: "Checks", note: `${label}: ${passed}/${checks.length} passed${more > 0 ? ` · +${more} more` : ''}`, width: width, color: passed === checks.length ? 'green' : 'red' }), rows.map(({ check, lines }, i) => lines.map((line, k) => k === 0 && line.startsWith(`${line.slice(0, 2)}${check.name}`) ? (_jsxs(Text, { wrap: "truncate-end", children: [_jsx(Text, { color: check.ok ? 'green' : 'red', bold: true, children: line.slice(0, 2) }), _jsx(Text, { color: check.ok ? undefined : 'red', children: check.name }), _jsx(Text, { dimColor: check.ok, children: line.slice(2 + check.name.length) })] }, `${i}.${k}`)) : (_jsx(Text, { wrap: "truncate-end", color: check.ok ? undefined : 'red', children: line }, `${i}.${k}`))))] }));
}
