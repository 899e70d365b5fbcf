// The lesson's steps with their status (· pending, ▶ running, ✓ done, ✗ failed) and the next one marked.
import { Box, Text } from 'ink';
import type { StepRun, StepSpec, StepStatus } from '../types.js';

export interface StepListProps {
  specs: StepSpec[];
  runs: StepRun[];
  /** index of the next step to run */
  cursor: number;
  /** index of the step whose slide is on screen, -1 for the introduction */
  focus: number;
  width: number;
  height: number;
  /** show how long each step took */
  timing?: boolean;
}

export const STATUS_MARK: Record<StepStatus, string> = { pending: '·', running: '▶', done: '✓', failed: '✗' };
const STATUS_COLOR: Record<StepStatus, string | undefined> = {
  pending: undefined,
  running: 'yellow',
  done: 'green',
  failed: 'red',
};

/** Which steps fit in `height` lines: a window around the next/current step. */
export function stepWindow(count: number, cursor: number, focus: number, height: number): [number, number] {
  if (count <= height) return [0, count];
  const centre = Math.max(0, Math.min(count - 1, Math.max(cursor, focus)));
  let start = Math.max(0, centre - Math.floor((height - 1) / 2));
  start = Math.min(start, count - height);
  return [start, start + height];
}

export function StepList({ specs, runs, cursor, focus, width, height, timing = false }: StepListProps) {
  if (height <= 0) return null;
  const [start, end] = stepWindow(specs.length, cursor, focus, height);
  const items = specs.slice(start, end).map((spec, k) => ({ spec, i: start + k }));
  const lines = items.map(({ spec, i }, k) => {
    const isFirst = k === 0;
    const isLast = k === items.length - 1;
    if (isFirst && start > 0 && i !== cursor && i !== focus) {
      return (
        <Text key="above" wrap="truncate-end" dimColor>
          {`  ⋮ ${start + 1} more above`}
        </Text>
      );
    }
    if (isLast && end < specs.length && i !== cursor && i !== focus) {
      return (
        <Text key="below" wrap="truncate-end" dimColor>
          {`  ⋮ ${specs.length - end + 1} more below`}
        </Text>
      );
    }
    const run = runs[i];
    const status: StepStatus = run?.status ?? 'pending';
    const isNext = i === cursor;
    const isFocus = i === focus;
    return (
      <Text key={i} wrap="truncate-end" bold={isFocus || isNext} inverse={isFocus}>
        <Text color="cyan">{isNext ? '› ' : '  '}</Text>
        <Text color={STATUS_COLOR[status]} bold>
          {STATUS_MARK[status]}
        </Text>
        <Text dimColor={status === 'pending' && !isNext}>{` ${i + 1}. ${spec.title}`}</Text>
        {isNext && status !== 'running' ? <Text color="cyan">{status === 'failed' ? ' ← retry' : ' ← next'}</Text> : null}
        {status === 'running' ? <Text color="yellow"> running…</Text> : null}
        {timing && run && (status === 'done' || status === 'failed') && run.ms > 0 ? (
          <Text dimColor>{`  ${run.ms < 10 ? run.ms.toFixed(1) : Math.round(run.ms)} ms`}</Text>
        ) : null}
      </Text>
    );
  });
  return (
    <Box flexDirection="column" width={width}>
      {lines}
    </Box>
  );
}
