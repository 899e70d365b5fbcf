// A failure shown in red (or a step skipped on this host, in yellow): a bordered box with the hint, or two plain lines when room is short.
import { Box, Text } from 'ink';
import { wrapPlain } from './textWrap.js';

export interface ErrorBoxProps {
  title: string;
  message: string;
  hint?: string | null;
  width: number;
  /** most lines the box may take, borders included */
  height?: number;
  /** red for a failure; yellow for a step this host cannot do */
  color?: 'red' | 'yellow';
  /** the word before the hint */
  hintLabel?: string;
}

/** The text lines inside a box `width` wide (border and padding take 4 columns). */
export function errorBoxLines(message: string, hint: string | null | undefined, width: number, hintLabel = 'hint'): string[] {
  const inner = Math.max(8, width - 4);
  const lines = wrapPlain(message, inner);
  if (hint) lines.push(...wrapPlain(`${hintLabel}: ${hint}`, inner, ' '.repeat(hintLabel.length + 2)));
  return lines;
}

/** Lines the compact form takes: the error on one line, the hint on another. */
export function errorCompactHeight(hint: string | null | undefined): number {
  return hint ? 2 : 1;
}

/** Lines the box takes: borders, title and text. */
export function errorBoxHeight(message: string, hint: string | null | undefined, width: number, hintLabel = 'hint'): number {
  return 3 + errorBoxLines(message, hint, width, hintLabel).length;
}

export function ErrorBox({ title, message, hint, width, height, color = 'red', hintLabel = 'hint' }: ErrorBoxProps) {
  // Too little room for the box: one line for the error, one for the hint.
  if (height !== undefined && height < errorBoxHeight(message, hint, width, hintLabel)) {
    if (height <= 0) return null;
    return (
      <Box width={width} flexDirection="column">
        <Text wrap="truncate-end" color={color} bold>
          {`${title}: ${message.replace(/\s*\n\s*/g, ' ')}`}
        </Text>
        {hint && height >= 2 ? (
          <Text wrap="truncate-end" color="yellow">
            {`${hintLabel}: ${hint}`}
          </Text>
        ) : null}
      </Box>
    );
  }
  const all = errorBoxLines(message, hint, width, hintLabel);
  const room = height === undefined ? all.length : Math.max(0, height - 3);
  const shown = all.slice(0, room);
  if (shown.length < all.length && shown.length > 0) shown[shown.length - 1] = '…';
  const msgCount = wrapPlain(message, Math.max(8, width - 4)).length;
  return (
    <Box width={width} flexDirection="column" borderStyle="round" borderColor={color} paddingX={1}>
      <Text wrap="truncate-end" bold color={color}>
        {title}
      </Text>
      {shown.map((line, i) => (
        <Text key={i} wrap="truncate-end" color={i < msgCount ? color : 'yellow'}>
          {line}
        </Text>
      ))}
    </Box>
  );
}
