// The lesson's steps with their status (· pending, ▶ running, ✓ done, ✗ failed, – skipped on this host) and the next one marked.
import { Box, Text } from 'ink';
import type { StepRun, StepSpec, StepStatus } from '../types.js';
import { stepWindow } from './layout.js';

export interface StepListProps {
  specs: StepSpec[];
  runs: StepRun[];
  /** index of the next step to run */
  cursor: number;
  /** index of the step that ran last, -1 before any */
  focus: number;
  /** index of the step whose slide is on screen (marked), -1 for the introduction; `focus` unless given */
  view?: number;
  width: number;
  height: number;
  /** show how long each step took */
  timing?: boolean;
}

export const STATUS_MARK: Record<StepStatus, string> = { pending: '·', running: '▶', done: '✓', failed: '✗', skipped: '–' };
const STATUS_COLOR: Record<StepStatus, string | undefined> = {
  pending: undefined,
  running: 'yellow',
  done: 'green',
  failed: 'red',
  skipped: 'yellow',
};

export function StepList({ specs, runs, cursor, focus, view = focus, width, height, timing = false }: StepListProps) {
  if (height <= 0) return null;
  const [start, end] = stepWindow(specs.length, cursor, focus, height, view);
  const items = specs.slice(start, end).map((spec, k) => ({ spec, i: start + k }));
  const key = (i: number) => i === cursor || i === focus || i === view;
  const lines = items.map(({ spec, i }, k) => {
    const isFirst = k === 0;
    const isLast = k === items.length - 1;
    if (isFirst && start > 0 && !key(i)) {
      return (
        <Text key="above" wrap="truncate-end" dimColor>
          {`  ⋮ ${start + 1} more above`}
        </Text>
      );
    }
    if (isLast && end < specs.length && !key(i)) {
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
      <Text key={i} wrap="truncate-end" bold={isFocus || isNext} inverse={i === view}>
        <Text color="cyan">{isNext ? '› ' : '  '}</Text>
        <Text color={STATUS_COLOR[status]} bold>
          {STATUS_MARK[status]}
        </Text>
        <Text dimColor={status === 'pending' && !isNext}>{` ${i + 1}. ${spec.title}`}</Text>
        {isNext && status !== 'running' ? <Text color="cyan">{status === 'failed' ? ' ← retry' : ' ← next'}</Text> : null}
        {status === 'running' ? <Text color="yellow"> running…</Text> : null}
        {status === 'skipped' ? <Text color="yellow"> skipped here</Text> : null}
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
