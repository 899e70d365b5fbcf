// The tasks of the step on screen, under its slide: lines from taskLines, cut to the room the layout gives.
import { Box, Text } from 'ink';

export interface TaskBoxProps {
  lines: readonly string[];
  width: number;
  height: number;
}

export function TaskBox({ lines, width, height }: TaskBoxProps) {
  if (height <= 0 || lines.length === 0) return null;
  const cut = lines.length > height;
  const shown = cut ? lines.slice(0, Math.max(0, height - 1)) : lines;
  return (
    <Box flexDirection="column" width={width}>
      {shown.map((line, i) => (
        <Text key={i} wrap="truncate-end">
          {line.length > 0 ? line : ' '}
        </Text>
      ))}
      {cut ? (
        <Text wrap="truncate-end" dimColor>
          {`… ${lines.length - shown.length} more lines of the task (p or a taller terminal)`}
        </Text>
      ) : null}
    </Box>
  );
}
