// Top line of the lesson screen: lesson title, progress, and what the session is doing.
import { Text } from 'ink';
import type { SessionState } from '../types.js';
import { Spinner } from './Spinner.js';

export interface LessonHeaderProps {
  state: SessionState;
}

export function LessonHeader({ state }: LessonHeaderProps) {
  const { lesson } = state;
  const done = state.steps.filter((s) => s.status === 'done').length;
  return (
    <Text wrap="truncate-end">
      <Text bold color="magenta">{`${lesson.order}. ${lesson.title}`}</Text>
      <Text dimColor>{`  ${done}/${lesson.steps.length} steps done`}</Text>
      {lesson.privilege === 'rootless' ? <Text dimColor> · rootless ok</Text> : null}
      {state.busy || state.activity ? (
        <>
          {'  '}
          <Spinner label={state.activity ?? 'working…'} bold={state.activity !== null} />
        </>
      ) : null}
    </Text>
  );
}
