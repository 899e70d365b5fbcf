import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// One line under the steps: the action the next step performs, with its parameters.
import { Text } from 'ink';
import { describeAction } from '../format/action.js';
export function NextAction({ state }) {
    const steps = state.lesson.steps;
    const spec = steps[state.cursor];
    const running = state.steps[state.cursor]?.status === 'running';
    if (!spec) {
        return (_jsxs(Text, { wrap: "truncate-end", children: [_jsx(Text, { dimColor: true, children: "next: " }), _jsx(Text, { color: "green", children: "end of the lesson" }), _jsx(Text, { dimColor: true, children: " \u2014 \u2190 steps back, r starts again, Esc for the menu" })] }));
    }
    return (_jsxs(Text, { wrap: "truncate-end", children: [_jsx(Text, { dimColor: true, children: running ? 'running: ' : 'next: ' }), _jsx(Text, { color: "yellow", bold: true, children: describeAction(spec.action) }), spec.checks.length > 0 ? (_jsx(Text, { dimColor: true, children: `  (then ${spec.checks.length} check${spec.checks.length === 1 ? '' : 's'})` })) : null] }));
}
