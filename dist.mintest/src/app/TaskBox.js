import { jsx as _jsx } from "react/jsx-runtime";
// The tasks of the step on screen, under its slide: taskLines fitted to the room the layout gives.
import { Box, Text } from 'ink';
import { fitTaskLines } from './taskLines.js';
export function TaskBox({ lines, width, height }) {
    if (height <= 0 || lines.length === 0)
        return null;
    return (_jsx(Box, { flexDirection: "column", width: width, children: fitTaskLines(lines, height).map((line, i) => (_jsx(Text, { wrap: "truncate-end", children: line.length > 0 ? line : ' ' }, i))) }));
}
