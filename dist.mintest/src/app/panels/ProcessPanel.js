import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// Live panel: the lab's processes, host PID next to the PID inside the container's namespace.
import { Box, Text } from 'ink';
import { commandOf, innerPids } from '../derive.js';
import { PanelTitle } from '../PanelTitle.js';
/** Lines the panel would like: title, column header, one per process. */
export function processPanelWant(processes) {
    return processes && processes.length > 0 ? 2 + processes.length : 2;
}
export function ProcessPanel({ processes, width, height }) {
    if (height <= 0)
        return null;
    const list = processes ?? [];
    const roleWidth = Math.min(18, Math.max(8, ...list.map((p) => [...p.role].length)));
    // the column header only when there is room for it and every process
    const showHeader = list.length > 0 && height >= list.length + 2;
    const room = height - 1 - (showHeader ? 1 : 0);
    // short of room, the processes inside the container's namespaces are kept first, then the
    // chain's short-lived links (shim, runc); the rest stays in tree order
    const rank = (p) => (p.nsPids.length > 1 ? 0 : /^(shim|runc)/.test(p.role) ? 1 : 2);
    const kept = new Set(list
        .map((p, i) => ({ p, i }))
        .sort((a, b) => rank(a.p) - rank(b.p) || a.i - b.i)
        .slice(0, Math.max(0, room))
        .map((x) => x.p));
    const shown = list.filter((p) => kept.has(p));
    const more = list.length - shown.length;
    const row = (host, ns, role) => `${host.padStart(7)}  ${ns.padEnd(6)} ${role.padEnd(roleWidth)} `;
    return (_jsxs(Box, { flexDirection: "column", width: width, children: [_jsx(PanelTitle, { title: "Processes", note: more > 0 ? `host PID ↔ PID inside · +${more} more` : 'host PID ↔ PID inside', width: width }), showHeader ? (_jsxs(Text, { wrap: "truncate-end", dimColor: true, children: [row('host', 'inside', 'role'), "command"] })) : null, list.length === 0 && height >= 2 ? (_jsx(Text, { wrap: "truncate-end", dimColor: true, children: processes ? 'no lab process running' : 'not read yet' })) : null, shown.map((p) => {
                const inside = p.nsPids.length > 1;
                return (_jsxs(Text, { wrap: "truncate-end", children: [_jsx(Text, { color: inside ? 'green' : undefined, children: `${String(p.hostPid).padStart(7)}  ` }), _jsx(Text, { color: inside ? 'green' : undefined, bold: inside, children: `${innerPids(p).padEnd(6)} ` }), _jsx(Text, { color: "cyan", children: `${p.role.padEnd(roleWidth)} ` }), _jsx(Text, { children: commandOf(p) })] }, p.hostPid));
            })] }));
}
