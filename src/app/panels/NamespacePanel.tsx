// Live panel: each namespace's inode on the host and in the container, differences highlighted.
import { Box, Text } from 'ink';
import type { NsRow } from '../../types.js';
import { PanelTitle } from '../PanelTitle.js';

export interface NamespacePanelProps {
  rows: NsRow[] | null;
  width: number;
  height: number;
}

/** Lines the table view would like: title, header, one per namespace kind. */
export function namespacePanelWant(rows: NsRow[] | null): number {
  return rows && rows.length > 0 ? 2 + rows.length : 2;
}

const differs = (r: NsRow): boolean => r.container !== null && r.host !== null && r.container !== r.host;
const inode = (n: number | null): string => (n === null ? '–' : String(n));

export function NamespacePanel({ rows, width, height }: NamespacePanelProps) {
  if (height <= 0) return null;
  const list = rows ?? [];
  const hasContainer = list.some((r) => r.container !== null);
  const own = list.filter(differs).map((r) => r.type);
  const shared = list.filter((r) => r.container !== null && !differs(r)).map((r) => r.type);
  const note = hasContainer ? `${own.length} own, ${shared.length} shared with the host` : 'host ↔ container inode';

  // Not enough lines for the table: one line per group.
  if (height < list.length + 2 || list.length === 0) {
    const ownText = own.length > 0 ? `own: ${own.join(' ')}` : 'own: none yet';
    const sharedText = shared.length > 0 ? `shared: ${shared.join(' ')}` : '';
    if (height === 1) {
      return (
        <Text wrap="truncate-end">
          <Text bold color="cyan">
            Namespaces{' '}
          </Text>
          {hasContainer ? (
            <>
              <Text color="yellow" bold>
                ≠ {ownText}
              </Text>
              <Text dimColor>{sharedText ? ` · = ${sharedText}` : ''}</Text>
            </>
          ) : (
            <Text dimColor>{list.length === 0 ? 'not read yet' : 'no container process yet'}</Text>
          )}
        </Text>
      );
    }
    return (
      <Box flexDirection="column" width={width}>
        <PanelTitle title="Namespaces" note={note} width={width} />
        {!hasContainer ? (
          <Text wrap="truncate-end" dimColor>
            {list.length === 0 ? 'not read yet' : 'no container process yet'}
          </Text>
        ) : (
          <>
            <Text wrap="truncate-end" color="yellow" bold>
              ≠ {ownText}
            </Text>
            {height >= 3 && sharedText ? (
              <Text wrap="truncate-end" dimColor>
                = {sharedText}
              </Text>
            ) : null}
          </>
        )}
      </Box>
    );
  }

  return (
    <Box flexDirection="column" width={width}>
      <PanelTitle title="Namespaces" note={note} width={width} />
      <Text wrap="truncate-end" dimColor>
        {'type'.padEnd(8)}
        {'host'.padEnd(12)}
        {'container'.padEnd(12)}
      </Text>
      {list.map((r) => {
        const d = differs(r);
        return (
          <Text key={r.type} wrap="truncate-end">
            <Text bold={d}>{r.type.padEnd(8)}</Text>
            <Text dimColor={!d}>{inode(r.host).padEnd(12)}</Text>
            <Text color={d ? 'yellow' : undefined} bold={d} dimColor={!d}>
              {inode(r.container).padEnd(12)}
            </Text>
            {d ? (
              <Text color="yellow" bold>
                ≠ own
              </Text>
            ) : r.container === null ? (
              <Text dimColor>–</Text>
            ) : (
              <Text dimColor>= host's</Text>
            )}
          </Text>
        );
      })}
    </Box>
  );
}
