// The lesson text for the step on screen: a heading line and the rendered markdown, cut to fit.
import { Box, Text } from 'ink';

export interface SlideProps {
  heading: string;
  /** markdown already rendered for the terminal, one entry per line */
  lines: string[];
  width: number;
  height: number;
}

export function slideWant(lines: string[]): number {
  return 1 + lines.length;
}

export function Slide({ heading, lines, width, height }: SlideProps) {
  if (height <= 0) return null;
  const room = height - 1;
  const cut = lines.length > room;
  const shown = cut ? lines.slice(0, Math.max(0, room - 1)) : lines;
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate-end" bold color="magenta">
        {heading}
      </Text>
      {shown.map((line, i) => (
        <Text key={i} wrap="truncate-end">
          {line.length > 0 ? line : ' '}
        </Text>
      ))}
      {cut && room > 0 ? (
        <Text wrap="truncate-end" dimColor>
          {`… ${lines.length - shown.length} more lines (a taller terminal shows them)`}
        </Text>
      ) : null}
    </Box>
  );
}
