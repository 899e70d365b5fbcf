// Help screen over everything: the keys and how to read the panels. Esc, ? or q closes it.
import { Box, Text } from 'ink';

export interface HelpOverlayProps {
  columns: number;
  rows: number;
}

const LINES: Array<[string, string]> = [
  ['', 'Keys in the menu'],
  ['↑ ↓ / j k', 'choose a lesson'],
  ['Enter / 1-9', 'open it'],
  ['', 'Keys in a lesson'],
  ['→ / Enter', 'run the next step, for real'],
  ['←', 'undo the last step (rebuilds from the start)'],
  ['r', 'tear the container down and start again'],
  ['s', 'open a shell inside the container (exit comes back)'],
  ['Esc', 'close the lesson and go back to the menu'],
  ['q / Ctrl+C', 'close everything and quit'],
  ['?', 'this help'],
  ['', 'Reading the panels'],
  ['· ▶ ✓ ✗', 'step pending, running, done, failed'],
  ['≠ own', 'the container has its own namespace (inode differs)'],
  ['+', 'a mount the host does not have'],
  ['= -1 EPERM', 'a call the kernel refused, in red'],
  ['', 'Everything on the right is read from the kernel at that moment.'],
];

export function HelpOverlay({ columns, rows }: HelpOverlayProps) {
  const width = Math.max(20, Math.min(columns, 78));
  const room = Math.max(1, rows - 1 - 4);
  const shown = LINES.slice(0, room);
  return (
    <Box flexDirection="column" width={width} borderStyle="round" borderColor="cyan" paddingX={1}>
      <Text wrap="truncate-end" bold color="cyan">
        container-lab help
      </Text>
      {shown.map(([key, text], i) =>
        key === '' ? (
          <Text key={i} wrap="truncate-end" bold>
            {text}
          </Text>
        ) : (
          <Text key={i} wrap="truncate-end">
            <Text color="cyan">{`  ${key.padEnd(12)}`}</Text>
            {text}
          </Text>
        ),
      )}
      <Text wrap="truncate-end" dimColor>
        Esc, ? or q closes this help
      </Text>
    </Box>
  );
}
