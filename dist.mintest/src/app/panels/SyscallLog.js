import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// Live panel: the calls the steps made, strace style; the latest step's calls bright, failures red.
import { Box, Text } from 'ink';
import { formatSyscall, syscallFailed } from '../../format/syscall.js';
import { PanelTitle } from '../PanelTitle.js';
export function syscallLogWant(lines) {
    return 1 + Math.max(1, lines.length);
}
export function SyscallLog({ lines, width, height, timing = false }) {
    if (height <= 0)
        return null;
    const room = height - 1;
    const shown = lines.length > room ? lines.slice(lines.length - Math.max(0, room)) : lines;
    const hidden = lines.length - shown.length;
    return (_jsxs(Box, { flexDirection: "column", width: width, children: [_jsx(PanelTitle, { title: "Syscalls", note: hidden > 0 ? `strace style, newest last · ${hidden} earlier` : 'strace style, newest last', width: width }), lines.length === 0 && room > 0 ? (_jsx(Text, { wrap: "truncate-end", dimColor: true, children: "no calls yet" })) : null, shown.map((l, i) => {
                const failed = syscallFailed(l.entry);
                return (_jsx(Text, { wrap: "truncate-end", color: failed ? 'red' : l.latest ? 'white' : undefined, bold: failed, dimColor: !failed && !l.latest, children: formatSyscall(l.entry, { width, timing }) }, `${hidden + i}`));
            })] }));
}
