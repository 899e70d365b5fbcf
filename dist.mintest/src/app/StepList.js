import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// The lesson's steps with their status (· pending, ▶ running, ✓ done, ✗ failed) and the next one marked.
import { Box, Text } from 'ink';
import { stepWindow } from './layout.js';
export const STATUS_MARK = { pending: '·', running: '▶', done: '✓', failed: '✗' };
const STATUS_COLOR = {
    pending: undefined,
    running: 'yellow',
    done: 'green',
    failed: 'red',
};
export function StepList({ specs, runs, cursor, focus, view = focus, width, height, timing = false }) {
    if (height <= 0)
        return null;
    const [start, end] = stepWindow(specs.length, cursor, focus, height, view);
    const items = specs.slice(start, end).map((spec, k) => ({ spec, i: start + k }));
    const key = (i) => i === cursor || i === focus || i === view;
    const lines = items.map(({ spec, i }, k) => {
        const isFirst = k === 0;
        const isLast = k === items.length - 1;
        if (isFirst && start > 0 && !key(i)) {
            return (_jsx(Text, { wrap: "truncate-end", dimColor: true, children: `  ⋮ ${start + 1} more above` }, "above"));
        }
        if (isLast && end < specs.length && !key(i)) {
            return (_jsx(Text, { wrap: "truncate-end", dimColor: true, children: `  ⋮ ${specs.length - end + 1} more below` }, "below"));
        }
        const run = runs[i];
        const status = run?.status ?? 'pending';
        const isNext = i === cursor;
        const isFocus = i === focus;
        return (_jsxs(Text, { wrap: "truncate-end", bold: isFocus || isNext, inverse: i === view, children: [_jsx(Text, { color: "cyan", children: isNext ? '› ' : '  ' }), _jsx(Text, { color: STATUS_COLOR[status], bold: true, children: STATUS_MARK[status] }), _jsx(Text, { dimColor: status === 'pending' && !isNext, children: ` ${i + 1}. ${spec.title}` }), isNext && status !== 'running' ? _jsx(Text, { color: "cyan", children: status === 'failed' ? ' ← retry' : ' ← next' }) : null, status === 'running' ? _jsx(Text, { color: "yellow", children: " running\u2026" }) : null, timing && run && (status === 'done' || status === 'failed') && run.ms > 0 ? (_jsx(Text, { dimColor: true, children: `  ${run.ms < 10 ? run.ms.toFixed(1) : Math.round(run.ms)} ms` })) : null] }, i));
    });
    return (_jsx(Box, { flexDirection: "column", width: width, children: lines }));
}
