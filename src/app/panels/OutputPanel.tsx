// Live panel: what the programs run by the last step printed, newest lines kept.
import { Box, Text } from 'ink';
import { PanelTitle } from '../PanelTitle.js';

export interface OutputPanelProps {
  lines: string[];
  label: string;
  width: number;
  height: number;
}

export function outputPanelWant(lines: string[]): number {
  return lines.length > 0 ? 1 + lines.length : 0;
}

export function OutputPanel({ lines, label, width, height }: OutputPanelProps) {
  if (height <= 0 || lines.length === 0) return null;
  const room = height - 1;
  const shown = lines.length > room ? lines.slice(lines.length - Math.max(0, room)) : lines;
  const hidden = lines.length - shown.length;
  return (
    <Box flexDirection="column" width={width}>
      <PanelTitle title="Output" note={hidden > 0 ? `${label} · ${hidden} earlier lines` : label} width={width} />
      {shown.map((line, i) => (
        <Text key={i} wrap="truncate-end">
          {line.replace(/\t/g, '  ').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')}
        </Text>
      ))}
    </Box>
  );
}
