import { jsx as _jsx } from "react/jsx-runtime";
// Live panel for the chain lessons: the docker API as the proxy saw it, the chain's timeline, where the time went, daemon views.
import { useContext } from 'react';
import { Box } from 'ink';
import { chainPanelLines } from '../../format/chainLines.js';
import { PanelTitle, ZoomMark } from '../PanelTitle.js';
import { SegLine } from './SegLine.js';
export function ChainPanel({ view, width, height }) {
    // zoomed, it has the room to show every section as whole as it can
    const lines = chainPanelLines(view, width, height, useContext(ZoomMark) !== null);
    if (lines.length === 0)
        return null;
    return (_jsx(Box, { flexDirection: "column", width: width, children: lines.map((l, i) => 'title' in l ? (i === 0 ? (_jsx(PanelTitle, { title: l.title, note: l.note, width: width }, i)) : (
        // a zoomed panel says so once, on its first title
        _jsx(ZoomMark.Provider, { value: null, children: _jsx(PanelTitle, { title: l.title, note: l.note, width: width }) }, i))) : (_jsx(SegLine, { segs: l.segs }, i))) }));
}
