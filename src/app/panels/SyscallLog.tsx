// Live panel: the calls the steps made, strace style; the latest step's calls bright, failures red.
import { Box, Text } from 'ink';
import type { LogLine } from '../derive.js';
import { formatSyscall, syscallFailed } from '../../format/syscall.js';
import { PanelTitle } from '../PanelTitle.js';

export interface SyscallLogProps {
  lines: LogLine[];
  width: number;
  height: number;
  /** show each call's duration (strace -T) */
  timing?: boolean;
}

export function syscallLogWant(lines: LogLine[]): number {
  return 1 + Math.max(1, lines.length);
}

export function SyscallLog({ lines, width, height, timing = false }: SyscallLogProps) {
  if (height <= 0) return null;
  const room = height - 1;
  const shown = lines.length > room ? lines.slice(lines.length - Math.max(0, room)) : lines;
  const hidden = lines.length - shown.length;
  return (
    <Box flexDirection="column" width={width}>
      <PanelTitle
        title="Syscalls"
        note={hidden > 0 ? `strace style, newest last · ${hidden} earlier` : 'strace style, newest last'}
        width={width}
      />
      {lines.length === 0 && room > 0 ? (
        <Text wrap="truncate-end" dimColor>
          no calls yet
        </Text>
      ) : null}
      {shown.map((l, i) => {
        const failed = syscallFailed(l.entry);
        return (
          <Text
            key={`${hidden + i}`}
            wrap="truncate-end"
            color={failed ? 'red' : l.latest ? 'white' : undefined}
            bold={failed}
            dimColor={!failed && !l.latest}
          >
            {formatSyscall(l.entry, { width, timing })}
          </Text>
        );
      })}
    </Box>
  );
}
