// Top line of the lesson screen: lesson title, progress, and what the session is doing.
import { Text } from 'ink';
import type { SessionState } from '../types.js';
import { Spinner } from './Spinner.js';

export interface LessonHeaderProps {
  state: SessionState;
  /** columns of the line: below 100, while the session says what it does, the progress is short so that fits */
  width?: number;
}

export function LessonHeader({ state, width = Infinity }: LessonHeaderProps) {
  const { lesson } = state;
  const done = state.steps.filter((s) => s.status === 'done').length;
  const skipped = state.steps.filter((s) => s.status === 'skipped').length;
  const compact = state.activity !== null && width < 100;
  return (
    <Text wrap="truncate-end">
      <Text bold color="magenta">{`${lesson.order}. ${lesson.title}`}</Text>
      <Text dimColor>{compact ? `  ${done}/${lesson.steps.length}` : `  ${done}/${lesson.steps.length} steps done${skipped > 0 ? `, ${skipped} skipped here` : ''}`}</Text>
      {lesson.privilege === 'rootless' && !compact ? <Text dimColor> · rootless ok</Text> : null}
      {state.busy || state.activity ? (
        <>
          {'  '}
          <Spinner label={state.activity ?? 'working…'} bold={state.activity !== null} />
        </>
      ) : null}
    </Text>
  );
}
