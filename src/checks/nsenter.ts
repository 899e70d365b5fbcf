// Runs a program in some of a process's namespaces with nsenter(1): the checks' independent view.
import { spawnSync } from 'node:child_process';

export type NsenterFlag = 'uts' | 'mount' | 'net' | 'cgroup' | 'ipc' | 'pid';

/** In rootless mode the helper must enter the container's user namespace first to have rights there. */
export function nsenter(pid: number, namespaces: NsenterFlag[], argv: string[], rootless: boolean): string {
  const flags = namespaces.map((n) => `--${n}`);
  const user = rootless ? ['--user', '--preserve-credentials'] : [];
  const result = spawnSync('nsenter', ['--target', String(pid), ...user, ...flags, '--', ...argv], { encoding: 'utf8', timeout: 5000 });
  if (result.error) throw new Error(`nsenter could not run: ${result.error.message} (install util-linux)`);
  if (result.status !== 0) throw new Error(`nsenter ${argv.join(' ')} failed: ${(result.stderr || '').trim()}`);
  return result.stdout;
}
