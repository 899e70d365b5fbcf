import { jsxs as _jsxs, jsx as _jsx } from "react/jsx-runtime";
// The footer's line while a step number is typed after g or ':': what was typed and which steps there are.
import { Text } from 'ink';
export function JumpPrompt({ typed, steps }) {
    return (_jsxs(Text, { wrap: "truncate-end", children: [_jsxs(Text, { bold: true, color: "cyan", children: ["go to step:", ' '] }), _jsx(Text, { bold: true, children: `${typed}_` }), _jsx(Text, { dimColor: true, children: `  (1–${steps}, Enter goes, Esc cancels)` })] }));
}
/** What a typed step number leads to: the step to go to, or the line that says why not. */
export function jumpTarget(typed, steps) {
    if (typed === '')
        return null;
    const step = Number(typed);
    if (step >= 1 && step <= steps)
        return { step };
    return { problem: `no step ${step}: this lesson has steps 1–${steps}` };
}
