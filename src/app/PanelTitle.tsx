// One-line section heading: bold name, a dim note, and a rule to the column's edge.
import { Text } from 'ink';

export interface PanelTitleProps {
  title: string;
  note?: string;
  width: number;
  color?: string;
}

export function PanelTitle({ title, note, width, color = 'cyan' }: PanelTitleProps) {
  const used = [...title].length + (note ? [...note].length + 1 : 0) + 1;
  const rule = '─'.repeat(Math.max(0, width - used));
  return (
    <Text wrap="truncate-end">
      <Text bold color={color}>
        {title}
      </Text>
      {note ? <Text dimColor> {note}</Text> : null}
      <Text dimColor> {rule}</Text>
    </Text>
  );
}
