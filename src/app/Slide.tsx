// The lesson text for the step on screen: a heading line and the rendered markdown, cut to fit.
import { Box, Text } from 'ink';

export interface SlideProps {
  heading: string;
  /** markdown already rendered for the terminal, one entry per line */
  lines: string[];
  /** lines after these that were not passed (null: some, not counted) */
  more?: number | null;
  width: number;
  height: number;
}

export function slideWant(lines: string[], more: number | null = 0): number {
  return 1 + lines.length + (more === 0 ? 0 : 1);
}

export function Slide({ heading, lines, more = 0, width, height }: SlideProps) {
  if (height <= 0) return null;
  const room = height - 1;
  const cut = lines.length > room || more !== 0;
  const shown = cut ? lines.slice(0, Math.max(0, room - 1)) : lines;
  const hidden = more === null ? 'more' : `${lines.length - shown.length + more} more`;
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
          {`… ${hidden} lines (a taller terminal shows them)`}
        </Text>
      ) : null}
    </Box>
  );
}
