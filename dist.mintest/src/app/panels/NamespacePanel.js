import { jsxs as _jsxs, jsx as _jsx, Fragment as _Fragment } from "react/jsx-runtime";
// Live panel: each namespace's inode on the host and in the container, differences highlighted.
import { Box, Text } from 'ink';
import { PanelTitle } from '../PanelTitle.js';
/** Lines the table view would like: title, header, one per namespace kind. */
export function namespacePanelWant(rows) {
    return rows && rows.length > 0 ? 2 + rows.length : 2;
}
const differs = (r) => r.container !== null && r.host !== null && r.container !== r.host;
const inode = (n) => (n === null ? '–' : String(n));
export function NamespacePanel({ rows, width, height }) {
    if (height <= 0)
        return null;
    const list = rows ?? [];
    const hasContainer = list.some((r) => r.container !== null);
    const own = list.filter(differs).map((r) => r.type);
    const shared = list.filter((r) => r.container !== null && !differs(r)).map((r) => r.type);
    const note = hasContainer ? `${own.length} own, ${shared.length} shared with the host` : 'host ↔ container inode';
    // Not enough lines for the table: one line per group.
    if (height < list.length + 2 || list.length === 0) {
        const ownText = own.length > 0 ? `own: ${own.join(' ')}` : 'own: none yet';
        const sharedText = shared.length > 0 ? `shared: ${shared.join(' ')}` : '';
        if (height === 1) {
            return (_jsxs(Text, { wrap: "truncate-end", children: [_jsxs(Text, { bold: true, color: "cyan", children: ["Namespaces", ' '] }), hasContainer ? (_jsxs(_Fragment, { children: [_jsxs(Text, { color: "yellow", bold: true, children: ["\u2260 ", ownText] }), _jsx(Text, { dimColor: true, children: sharedText ? ` · = ${sharedText}` : '' })] })) : (_jsx(Text, { dimColor: true, children: list.length === 0 ? 'not read yet' : 'no container process yet' }))] }));
        }
        return (_jsxs(Box, { flexDirection: "column", width: width, children: [_jsx(PanelTitle, { title: "Namespaces", note: note, width: width }), !hasContainer ? (_jsx(Text, { wrap: "truncate-end", dimColor: true, children: list.length === 0 ? 'not read yet' : 'no container process yet' })) : (_jsxs(_Fragment, { children: [_jsxs(Text, { wrap: "truncate-end", color: "yellow", bold: true, children: ["\u2260 ", ownText] }), height >= 3 && sharedText ? (_jsxs(Text, { wrap: "truncate-end", dimColor: true, children: ["= ", sharedText] })) : null] }))] }));
    }
    return (_jsxs(Box, { flexDirection: "column", width: width, children: [_jsx(PanelTitle, { title: "Namespaces", note: note, width: width }), _jsxs(Text, { wrap: "truncate-end", dimColor: true, children: ['type'.padEnd(8), 'host'.padEnd(12), 'container'.padEnd(12)] }), list.map((r) => {
                const d = differs(r);
                return (_jsxs(Text, { wrap: "truncate-end", children: [_jsx(Text, { bold: d, children: r.type.padEnd(8) }), _jsx(Text, { dimColor: !d, children: inode(r.host).padEnd(12) }), _jsx(Text, { color: d ? 'yellow' : undefined, bold: d, dimColor: !d, children: inode(r.container).padEnd(12) }), d ? (_jsx(Text, { color: "yellow", bold: true, children: "\u2260 own" })) : r.container === null ? (_jsx(Text, { dimColor: true, children: "\u2013" })) : (_jsx(Text, { dimColor: true, children: "= host's" }))] }, r.type));
            })] }));
}
