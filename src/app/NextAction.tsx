// One line under the steps: the action the next step performs, with its parameters.
import { Text } from 'ink';
import type { SessionState } from '../types.js';
import { describeAction } from '../format/action.js';

export interface NextActionProps {
  state: SessionState;
}

export function NextAction({ state }: NextActionProps) {
  const steps = state.lesson.steps;
  const spec = steps[state.cursor];
  const running = state.steps[state.cursor]?.status === 'running';
  if (!spec) {
    return (
      <Text wrap="truncate-end">
        <Text dimColor>next: </Text>
        <Text color="green">end of the lesson</Text>
        <Text dimColor> — ← steps back, r starts again, Esc for the menu</Text>
      </Text>
    );
  }
  return (
    <Text wrap="truncate-end">
      <Text dimColor>{running ? 'running: ' : 'next: '}</Text>
      <Text color="yellow" bold>
        {describeAction(spec.action)}
      </Text>
      {spec.checks.length > 0 ? (
        <Text dimColor>{`  (then ${spec.checks.length} check${spec.checks.length === 1 ? '' : 's'})`}</Text>
      ) : null}
    </Text>
  );
}
