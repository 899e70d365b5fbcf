// Live panel: the lab's processes, host PID next to the PID inside the container's namespace.
import { Box, Text } from 'ink';
import type { ProcessInfo } from '../../types.js';
import { commandOf, innerPids } from '../derive.js';
import { PanelTitle } from '../PanelTitle.js';

export interface ProcessPanelProps {
  processes: ProcessInfo[] | null;
  width: number;
  height: number;
}

/** Lines the panel would like: title, column header, one per process. */
export function processPanelWant(processes: ProcessInfo[] | null): number {
  return processes && processes.length > 0 ? 2 + processes.length : 2;
}

export function ProcessPanel({ processes, width, height }: ProcessPanelProps) {
  if (height <= 0) return null;
  const list = processes ?? [];
  const roleWidth = Math.min(18, Math.max(8, ...list.map((p) => [...p.role].length)));
  // the column header only when there is room for it and every process
  const showHeader = list.length > 0 && height >= list.length + 2;
  const room = height - 1 - (showHeader ? 1 : 0);
  // short of room, the processes inside the container's namespaces are kept first, then the
  // chain's short-lived links (shim, runc); the rest stays in tree order
  const rank = (p: ProcessInfo) => (p.nsPids.length > 1 ? 0 : /^(shim|runc)/.test(p.role) ? 1 : 2);
  const kept = new Set(
    list
      .map((p, i) => ({ p, i }))
      .sort((a, b) => rank(a.p) - rank(b.p) || a.i - b.i)
      .slice(0, Math.max(0, room))
      .map((x) => x.p),
  );
  const shown = list.filter((p) => kept.has(p));
  const more = list.length - shown.length;
  const row = (host: string, ns: string, role: string): string =>
    `${host.padStart(7)}  ${ns.padEnd(6)} ${role.padEnd(roleWidth)} `;
  return (
    <Box flexDirection="column" width={width}>
      <PanelTitle
        title="Processes"
        note={more > 0 ? `host PID ↔ PID inside · +${more} more` : 'host PID ↔ PID inside'}
        width={width}
      />
      {showHeader ? (
        <Text wrap="truncate-end" dimColor>
          {row('host', 'inside', 'role')}command
        </Text>
      ) : null}
      {list.length === 0 && height >= 2 ? (
        <Text wrap="truncate-end" dimColor>
          {processes ? 'no lab process running' : 'not read yet'}
        </Text>
      ) : null}
      {shown.map((p) => {
        const inside = p.nsPids.length > 1;
        return (
          <Text key={p.hostPid} wrap="truncate-end">
            <Text color={inside ? 'green' : undefined}>{`${String(p.hostPid).padStart(7)}  `}</Text>
            <Text color={inside ? 'green' : undefined} bold={inside}>{`${innerPids(p).padEnd(6)} `}</Text>
            <Text color="cyan">{`${p.role.padEnd(roleWidth)} `}</Text>
            <Text>{commandOf(p)}</Text>
          </Text>
        );
      })}
    </Box>
  );
}
