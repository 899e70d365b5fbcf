// The key line at the bottom of the lesson screen, drawn from the key table (keys.ts).
import { Text } from 'ink';
import { footerBindings } from './keys.js';

export interface FooterProps {
  busy: boolean;
  /** fewer words when the terminal is narrow */
  compact?: boolean;
}

export function Footer({ busy, compact = false }: FooterProps) {
  return (
    <Text wrap="truncate-end">
      {footerBindings().map(({ command, footer, whileBusy }, i) => {
        const off = busy && !whileBusy;
        return (
          <Text key={command} dimColor={off}>
            {i > 0 ? '  ' : ''}
            <Text bold color={off ? undefined : 'cyan'}>
              {compact ? footer.compactKey : footer.key}
            </Text>
            {` ${compact ? footer.compactLabel : footer.label}`}
          </Text>
        );
      })}
      {busy ? <Text color="yellow"> (busy)</Text> : null}
    </Text>
  );
}
