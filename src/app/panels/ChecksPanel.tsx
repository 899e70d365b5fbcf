// Live panel: the checks of the step that ran last, each ✓ or ✗ with what was read (– not read on this host, and why).
import { Box, Text } from 'ink';
import type { CheckResult } from '../../types.js';
import { PanelTitle } from '../PanelTitle.js';
import { wrapPlain } from '../textWrap.js';
import { checkCounts, checkMark, checkVerdict } from '../../format/checkMark.js';

export interface ChecksPanelProps {
  checks: CheckResult[];
  /** e.g. "step 3" */
  label: string;
  width: number;
  height: number;
}

/** A check as screen lines: one for a pass; a failure's detail wraps onto up to 3 more. */
export function checkLines(check: CheckResult, width: number): string[] {
  const text = `${checkMark(check)} ${check.name}${check.detail ? ` — ${check.detail}` : ''}`;
  // a pass is one line; a failure, or why a check was not read here, wraps
  if (check.ok && !check.skipped) return [text];
  return wrapPlain(text, width, '  ').slice(0, 4);
}

export function checksPanelWant(checks: CheckResult[], width: number): number {
  return checks.length > 0 ? 1 + checks.reduce((n, c) => n + checkLines(c, width).length, 0) : 0;
}

export function ChecksPanel({ checks, label, width, height }: ChecksPanelProps) {
  if (height <= 0 || checks.length === 0) return null;
  let room = height - 1;
  // failed checks first when there is no room for all of them
  const fits = checksPanelWant(checks, width) <= height;
  const ordered = fits ? checks : [...checks.filter((c) => !c.ok), ...checks.filter((c) => c.ok)];
  const rows: Array<{ check: CheckResult; lines: string[] }> = [];
  for (const check of ordered) {
    if (room <= 0) break;
    const lines = checkLines(check, width).slice(0, room);
    rows.push({ check, lines });
    room -= lines.length;
  }
  const { passed, skipped, failed } = checkCounts(checks);
  const more = checks.length - rows.length;
  const colorOf = (c: CheckResult) => ({ pass: 'green', fail: 'red', skip: 'yellow' } as const)[checkVerdict(c)];
  return (
    <Box flexDirection="column" width={width}>
      <PanelTitle
        title="Checks"
        note={`${label}: ${passed}/${checks.length} passed${skipped > 0 ? `, ${skipped} not read here` : ''}${more > 0 ? ` · +${more} more` : ''}`}
        width={width}
        color={failed > 0 ? 'red' : 'green'}
      />
      {rows.map(({ check, lines }, i) =>
        lines.map((line, k) =>
          k === 0 && line.startsWith(`${line.slice(0, 2)}${check.name}`) ? (
            <Text key={`${i}.${k}`} wrap="truncate-end">
              <Text color={colorOf(check)} bold>
                {line.slice(0, 2)}
              </Text>
              <Text color={check.ok ? undefined : 'red'}>{check.name}</Text>
              <Text dimColor={check.ok}>{line.slice(2 + check.name.length)}</Text>
            </Text>
          ) : (
            <Text key={`${i}.${k}`} wrap="truncate-end" color={check.ok ? undefined : 'red'}>
              {line}
            </Text>
          ),
        ),
      )}
    </Box>
  );
}
