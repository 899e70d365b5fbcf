// Help screen over everything: the keys (from the key table, keys.ts) and how to read the panels. Esc, ? or q closes it.
import { Box, Text } from 'ink';
import { closeHelpLine, helpSections } from './keys.js';

export interface HelpOverlayProps {
  columns: number;
  rows: number;
  /** over a replay: the keys in its words, the panels recorded */
  replay?: boolean;
}

/** The help's lines (a heading has no key): live, or a replay's. */
const helpLines = (replay: boolean): Array<[string, string]> => [
  ...helpSections(replay).flatMap(({ title, bindings }): Array<[string, string]> => [['', title], ...bindings.map((b): [string, string] => [b.help.keys, b.help.does])]),
  ['', replay ? 'Reading the panels (as recorded; nothing is read now)' : 'Reading the panels (live, read from the kernel)'],
  ['· ▶ ✓ ✗', 'step pending, running, done, failed'],
  ['≠ own', 'the container has its own namespace (inode differs)'],
  ['+', 'a mount the host does not have'],
  ['= -1 EPERM', 'a call the kernel refused, in red'],
];
const LINES = { live: helpLines(false), replay: helpLines(true) };

/** Columns of the key column: the longest key and a space (the help's lines line up on it). */
export const HELP_KEY_WIDTH = Math.max(12, ...LINES.live.map(([key]) => [...key].length + 1));

export function HelpOverlay({ columns, rows, replay = false }: HelpOverlayProps) {
  const width = Math.max(20, Math.min(columns, 78));
  const room = Math.max(1, rows - 1 - 4);
  const shown = LINES[replay ? 'replay' : 'live'].slice(0, room);
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
            <Text color="cyan">{`  ${key.padEnd(HELP_KEY_WIDTH)}`}</Text>
            {text}
          </Text>
        ),
      )}
      <Text wrap="truncate-end" dimColor>
        {closeHelpLine()}
      </Text>
    </Box>
  );
}
