// Live panel for the chain lessons: the docker API as the proxy saw it, the chain's timeline, where the time went, daemon views.
import { Box } from 'ink';
import type { ChainView } from '../../types.js';
import { chainPanelLines } from '../../format/chainLines.js';
import { PanelTitle } from '../PanelTitle.js';
import { SegLine } from './SegLine.js';

export interface ChainPanelProps {
  view: ChainView | undefined;
  width: number;
  height: number;
}

export function ChainPanel({ view, width, height }: ChainPanelProps) {
  const lines = chainPanelLines(view, width, height);
  if (lines.length === 0) return null;
  return (
    <Box flexDirection="column" width={width}>
      {lines.map((l, i) =>
        'title' in l ? <PanelTitle key={i} title={l.title} note={l.note} width={width} /> : <SegLine key={i} segs={l.segs} />,
      )}
    </Box>
  );
}
