import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// One-line section heading: bold name, a dim note, and a rule to the column's edge; a zoomed panel's says so.
import { createContext, useContext } from 'react';
import { Text } from 'ink';
/** Set around a zoomed panel: its title carries this (that it is zoomed, and how to leave). */
export const ZoomMark = createContext(null);
export function PanelTitle({ title, note, width, color = 'cyan' }) {
    const zoom = useContext(ZoomMark);
    const mark = zoom ? ` [${zoom}]` : '';
    const used = [...title].length + [...mark].length + (note ? [...note].length + 1 : 0) + 1;
    const rule = '─'.repeat(Math.max(0, width - used));
    return (_jsxs(Text, { wrap: "truncate-end", children: [_jsx(Text, { bold: true, color: color, children: title }), mark ? (_jsx(Text, { bold: true, color: "yellow", children: mark })) : null, note ? _jsxs(Text, { dimColor: true, children: [" ", note] }) : null, _jsxs(Text, { dimColor: true, children: [" ", rule] })] }));
}
