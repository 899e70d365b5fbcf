// One panel line built from styled pieces, measured before drawing and cut at the column's edge.
import { Text } from 'ink';

/** A run of text with one style. */
export interface Seg {
  text: string;
  color?: string;
  bold?: boolean;
  dim?: boolean;
}

/** Columns the pieces take (code points; the lab's text is not East Asian wide). */
export function segWidth(segs: Seg[]): number {
  return segs.reduce((n, s) => n + [...s.text].length, 0);
}

/** The pieces as plain text. */
export function segText(segs: Seg[]): string {
  return segs.map((s) => s.text).join('');
}

export function SegLine({ segs }: { segs: Seg[] }) {
  return (
    <Text wrap="truncate-end">
      {segs.length === 0 ? ' ' : null}
      {segs.map((s, i) => (
        <Text key={i} color={s.color} bold={s.bold} dimColor={s.dim}>
          {s.text}
        </Text>
      ))}
    </Text>
  );
}
