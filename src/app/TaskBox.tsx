// The tasks of the step on screen, under its slide: taskLines fitted to the room the layout gives.
import { Box, Text } from 'ink';
import { fitTaskLines, type TaskLine } from './taskLines.js';

export interface TaskBoxProps {
  lines: readonly TaskLine[];
  width: number;
  height: number;
}

export function TaskBox({ lines, width, height }: TaskBoxProps) {
  if (height <= 0 || lines.length === 0) return null;
  return (
    <Box flexDirection="column" width={width}>
      {fitTaskLines(lines, height).map((line, i) => (
        <Text key={i} wrap="truncate-end">
          {line.length > 0 ? line : ' '}
        </Text>
      ))}
    </Box>
  );
}
