// One panel line built from styled pieces, cut at the column's edge.
import { Text } from 'ink';
import type { Seg } from '../../format/seg.js';

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
