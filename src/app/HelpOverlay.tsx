// Help screen over everything: the keys (from the key table, keys.ts) and how to read the panels. Esc, ? or q closes it.
import { Box, Text } from 'ink';
import { closeHelpLine, helpSections } from './keys.js';

export interface HelpOverlayProps {
  columns: number;
  rows: number;
  /**
   * opened in a lesson: the menu's keys (which mean other things there) are left out. Opened
   * from the menu, the panels' legend is what gives way on a short screen.
   */
  inLesson?: boolean;
  /** over a replay: the keys in its words, the panels as recorded */
  replay?: boolean;
}

type Line = [key: string, text: string];

/** The menu's and the lesson's key lines, live or in a replay's words. */
const keyLines = (replay: boolean): Line[][] => helpSections(replay).map(({ title, bindings }): Line[] => [['', title], ...bindings.map((b): Line => [b.help.keys, b.help.does])]);
const KEYS = { live: keyLines(false), replay: keyLines(true) };

const legend = (replay: boolean): Line[] => [
  ['', replay ? 'Reading the panels (as recorded; nothing is read now)' : 'Reading the panels (live, read from the kernel)'],
  ['· ▶ ✓ ✗', 'step pending, running, done, failed'],
  ['≠ own · +', 'a namespace of its own (inode differs) · a mount the host lacks'],
  ['= -1 EPERM', 'a call the kernel refused, in red'],
];

/** Columns of the key column: the longest key and a space (the help's lines line up on it). */
export const HELP_KEY_WIDTH = Math.max(12, ...[...KEYS.live.flat(), ...legend(false)].map(([key]) => [...key].length + 1));

/** The help's lines for `room` lines: in a lesson its keys and the legend; from the menu every key, and the legend when it fits. */
export function helpLines(room: number, inLesson: boolean, replay = false): Line[] {
  const [MENU, LESSON] = KEYS[replay ? 'replay' : 'live'];
  const LEGEND = legend(replay);
  if (inLesson) return [...LESSON, ...LEGEND].slice(0, room);
  const keys = [...MENU, ...LESSON];
  return (keys.length + LEGEND.length <= room ? [...keys, ...LEGEND] : keys).slice(0, room);
}

export function HelpOverlay({ columns, rows, inLesson = false, replay = false }: HelpOverlayProps) {
  const width = Math.max(20, Math.min(columns, 78));
  const room = Math.max(1, rows - 1 - 4);
  const shown = helpLines(room, inLesson, replay);
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
