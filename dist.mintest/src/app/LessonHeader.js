import { jsx as _jsx, Fragment as _Fragment, jsxs as _jsxs } from "react/jsx-runtime";
// Top line of the lesson screen: lesson title, progress, and what the session is doing.
import { Text } from 'ink';
import { Spinner } from './Spinner.js';
export function LessonHeader({ state, width = Infinity }) {
    const { lesson } = state;
    const done = state.steps.filter((s) => s.status === 'done').length;
    const compact = state.activity !== null && width < 100;
    return (_jsxs(Text, { wrap: "truncate-end", children: [_jsx(Text, { bold: true, color: "magenta", children: `${lesson.order}. ${lesson.title}` }), _jsx(Text, { dimColor: true, children: compact ? `  ${done}/${lesson.steps.length}` : `  ${done}/${lesson.steps.length} steps done` }), lesson.privilege === 'rootless' && !compact ? _jsx(Text, { dimColor: true, children: " \u00B7 rootless ok" }) : null, state.busy || state.activity ? (_jsxs(_Fragment, { children: ['  ', _jsx(Spinner, { label: state.activity ?? 'working…', bold: state.activity !== null })] })) : null] }));
}
