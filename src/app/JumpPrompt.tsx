// The footer's line while a step number is typed after g or ':': what was typed and which steps there are.
import { Text } from 'ink';

export interface JumpPromptProps {
  /** the digits typed so far */
  typed: string;
  /** how many steps the lesson has */
  steps: number;
}

export function JumpPrompt({ typed, steps }: JumpPromptProps) {
  return (
    <Text wrap="truncate-end">
      <Text bold color="cyan">
        go to step:{' '}
      </Text>
      <Text bold>{`${typed}_`}</Text>
      <Text dimColor>{`  (1–${steps}, Enter goes, Esc cancels)`}</Text>
    </Text>
  );
}

/** What a typed step number leads to: the step to go to, or the line that says why not. */
export function jumpTarget(typed: string, steps: number): { step: number } | { problem: string } | null {
  if (typed === '') return null;
  const step = Number(typed);
  if (step >= 1 && step <= steps) return { step };
  return { problem: `no step ${step}: this lesson has steps 1–${steps}` };
}
