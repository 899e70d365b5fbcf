// The key line at the bottom of the lesson screen.
import { Text } from 'ink';

export interface FooterProps {
  busy: boolean;
  /** fewer words when the terminal is narrow */
  compact?: boolean;
}

export function Footer({ busy, compact = false }: FooterProps) {
  const keys: Array<[string, string]> = compact
    ? [
        ['→', 'next'],
        ['←', 'back'],
        ['r', 'reset'],
        ['s', 'shell'],
        ['?', 'help'],
        ['Esc', 'menu'],
        ['q', 'quit'],
      ]
    : [
        ['→/Enter', 'run next step'],
        ['←', 'step back'],
        ['r', 'reset'],
        ['s', 'shell in container'],
        ['?', 'help'],
        ['Esc', 'menu'],
        ['q', 'quit'],
      ];
  return (
    <Text wrap="truncate-end">
      {keys.map(([key, label], i) => {
        const off = busy && key !== 'q' && key !== '?' && key !== 'Esc';
        return (
          <Text key={key} dimColor={off}>
            {i > 0 ? '  ' : ''}
            <Text bold color={off ? undefined : 'cyan'}>
              {key}
            </Text>
            {` ${label}`}
          </Text>
        );
      })}
      {busy ? <Text color="yellow"> (busy)</Text> : null}
    </Text>
  );
}
