// The lesson text for the step on screen: a heading line, the rendered markdown from the scroll position, and where that is.
import { Box, Text } from 'ink';
import { slidePosition, type SlideView } from './layout.js';

export interface SlideProps {
  heading: string;
  /** the slide's rendered lines from its first on, at least as far as the view reaches */
  lines: string[];
  /** what part of the slide is on screen (layout.ts `slideView`) */
  view: SlideView;
  /** the slide goes on past `view.total` lines (not rendered yet) */
  more?: boolean;
  /** what the scroll keys do now, after the position: "↓ reads on, panels fold" */
  hint?: string;
  width: number;
  height: number;
}

export function Slide({ heading, lines, view, more = false, hint, width, height }: SlideProps) {
  if (height <= 0) return null;
  const shown = lines.slice(view.first, view.first + view.shown);
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate-end" bold color="magenta">
        {heading}
      </Text>
      {shown.map((line, i) => (
        <Text key={view.first + i} wrap="truncate-end">
          {line.length > 0 ? line : ' '}
        </Text>
      ))}
      {view.position ? (
        <Text wrap="truncate-end">
          <Text color="cyan">{slidePosition(view, more)}</Text>
          {hint ? <Text dimColor>{` · ${hint}`}</Text> : null}
        </Text>
      ) : null}
    </Box>
  );
}
