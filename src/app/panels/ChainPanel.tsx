// Live panel for the chain lessons: the docker API as the proxy saw it, the chain's timeline, where the time went, daemon views.
import { useContext } from 'react';
import { Box } from 'ink';
import type { ChainView } from '../../types.js';
import { chainPanelLines } from '../../format/chainLines.js';
import { PanelTitle, ZoomMark } from '../PanelTitle.js';
import { SegLine } from './SegLine.js';

export interface ChainPanelProps {
  view: ChainView | undefined;
  width: number;
  height: number;
}

export function ChainPanel({ view, width, height }: ChainPanelProps) {
  // zoomed, it has the room to show every section as whole as it can
  const lines = chainPanelLines(view, width, height, useContext(ZoomMark) !== null);
  if (lines.length === 0) return null;
  return (
    <Box flexDirection="column" width={width}>
      {lines.map((l, i) =>
        'title' in l ? (
          i === 0 ? (
            <PanelTitle key={i} title={l.title} note={l.note} width={width} />
          ) : (
            // a zoomed panel says so once, on its first title
            <ZoomMark.Provider key={i} value={null}>
              <PanelTitle title={l.title} note={l.note} width={width} />
            </ZoomMark.Provider>
          )
        ) : (
          <SegLine key={i} segs={l.segs} />
        ),
      )}
    </Box>
  );
}
