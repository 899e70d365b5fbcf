// One-line section heading: bold name, a dim note, and a rule to the column's edge; a zoomed panel's says so.
import { createContext, useContext } from 'react';
import { Text } from 'ink';

/** Set around a zoomed panel: its title carries this (that it is zoomed, and how to leave). */
export const ZoomMark = createContext<string | null>(null);

export interface PanelTitleProps {
  title: string;
  note?: string;
  width: number;
  color?: string;
}

export function PanelTitle({ title, note, width, color = 'cyan' }: PanelTitleProps) {
  const zoom = useContext(ZoomMark);
  const mark = zoom ? ` [${zoom}]` : '';
  const used = [...title].length + [...mark].length + (note ? [...note].length + 1 : 0) + 1;
  const rule = '─'.repeat(Math.max(0, width - used));
  return (
    <Text wrap="truncate-end">
      <Text bold color={color}>
        {title}
      </Text>
      {mark ? (
        <Text bold color="yellow">
          {mark}
        </Text>
      ) : null}
      {note ? <Text dimColor> {note}</Text> : null}
      <Text dimColor> {rule}</Text>
    </Text>
  );
}
