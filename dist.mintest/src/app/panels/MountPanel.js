import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// Live panel: the container's mount table, lines the host does not have marked and shown first.
import { Box, Text } from 'ink';
import { propagation } from '../derive.js';
import { elideMiddle } from '../../format/elide.js';
import { PanelTitle } from '../PanelTitle.js';
export function mountPanelWant(mounts) {
    return 1 + Math.max(1, mounts?.length ?? 0);
}
/**
 * The mounts to show in `room` lines: the table in order when it fits, otherwise the added
 * mounts newest first, then the rest; `more` is how many were left out.
 */
export function pickMounts(mounts, room) {
    if (mounts.length <= room)
        return { shown: mounts, more: 0 };
    const added = mounts.filter((m) => m.added).reverse();
    const rest = mounts.filter((m) => !m.added);
    const shown = [...added, ...rest].slice(0, Math.max(0, room));
    return { shown, more: mounts.length - shown.length };
}
export function MountPanel({ mounts, width, height, wide = false }) {
    if (height <= 0)
        return null;
    const list = mounts ?? [];
    const added = list.filter((m) => m.added).length;
    const { shown, more } = pickMounts(list, height - 1);
    const note = mounts
        ? `${list.length} in the container, ${added} not on the host${more > 0 ? ` · +${more} more` : ''}`
        : 'container mountinfo';
    const fsW = Math.min(10, Math.max(5, ...shown.map((m) => m.fsType.length)));
    const propW = Math.min(16, Math.max(7, ...shown.map((m) => propagation(m).length)));
    const fixed = 2 + fsW + 1 + propW + 1;
    const srcW = wide ? 14 : 0;
    const pointMax = Math.max(8, width - fixed - (srcW ? srcW + 1 : 0));
    const pointW = Math.min(pointMax, Math.max(8, ...shown.map((m) => [...m.mountPoint].length)));
    return (_jsxs(Box, { flexDirection: "column", width: width, children: [_jsx(PanelTitle, { title: "Mounts", note: note, width: width }), list.length === 0 && height >= 2 ? (_jsx(Text, { wrap: "truncate-end", dimColor: true, children: mounts ? 'no mount table' : 'not read yet' })) : null, shown.map((m) => {
                const prop = propagation(m);
                return (_jsxs(Text, { wrap: "truncate-end", children: [_jsx(Text, { color: m.added ? 'green' : undefined, bold: m.added, dimColor: !m.added, children: m.added ? '+ ' : '  ' }), _jsxs(Text, { color: m.added ? 'green' : undefined, dimColor: !m.added, children: [m.fsType.padEnd(fsW), ' '] }), _jsxs(Text, { color: prop === 'private' ? 'magenta' : 'blue', dimColor: !m.added, children: [prop.padEnd(propW), ' '] }), _jsx(Text, { color: m.added ? 'green' : undefined, bold: m.added, dimColor: !m.added, children: elideMiddle(m.mountPoint, pointW).padEnd(srcW ? pointW : 0) }), srcW ? _jsxs(Text, { dimColor: true, children: [" ", elideMiddle(m.source, srcW)] }) : null] }, m.mountId));
            })] }));
}
