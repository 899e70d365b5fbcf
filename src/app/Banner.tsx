// A line drawn above every screen of the app (the replay's "REPLAY — … nothing here runs"); it never goes away.
import { Text } from 'ink';

export interface BannerProps {
  text: string;
  width: number;
}

/** One line, cut at the terminal's width: the text's start (the word that matters) always shows. */
export function Banner({ text, width }: BannerProps) {
  const chars = [...text];
  const shown = chars.length > width ? chars.slice(0, Math.max(0, width - 1)).join('') + '…' : text;
  return (
    <Text bold inverse color="yellow">
      {shown}
    </Text>
  );
}
