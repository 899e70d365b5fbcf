// vitest globalSetup: the run's temporary files live under a directory of its own (TMPDIR, TMUX_TMPDIR), removed when the run ends; in CI the run fails if it left a lab-named entry in the system's /tmp anyway.
// Set in the main process before any worker starts: workers, the apps they spawn, tmux servers
// and their panes inherit it, and os.tmpdir() reads TMPDIR at each call, so a test that forgets
// to remove its mkdtemp directory leaves nothing behind the run.
import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** names the tests and the app give what they make: container-lab-…, cl-… */
const LAB_NAME = /container-lab|^cl-/;

/** lab-named entries of a directory, with tmux's socket directory of this user below it */
export function labEntries(dir: string, uid = process.getuid?.() ?? 0): string[] {
  const list = (d: string): string[] => {
    try {
      return readdirSync(d);
    } catch {
      return [];
    }
  };
  const sockets = join(dir, `tmux-${uid}`);
  return [...list(dir).filter((n) => LAB_NAME.test(n)).map((n) => join(dir, n)), ...list(sockets).filter((n) => LAB_NAME.test(n)).map((n) => join(sockets, n))];
}

/** what is in `after` and was not in `before` */
export function newEntries(before: string[], after: string[]): string[] {
  const was = new Set(before);
  return after.filter((e) => !was.has(e));
}

export default function setup(): () => void {
  const system = tmpdir();
  const before = labEntries(system);
  const dir = mkdtempSync(join(system, 'container-lab-test-tmp-'));
  chmodSync(dir, 0o1777); // like /tmp: the rootless tests run as uid 65534 and make their own here
  process.env.TMPDIR = dir;
  process.env.TMUX_TMPDIR = dir; // tmux's socket directories (tmux(1), ENVIRONMENT)
  return () => {
    rmSync(dir, { recursive: true, force: true });
    const left = newEntries(before, labEntries(system));
    if (left.length === 0) return;
    const message = `the tests left ${left.length} entr${left.length === 1 ? 'y' : 'ies'} in ${system}: ${left.slice(0, 5).join(', ')}${left.length > 5 ? ', …' : ''} (a path not under os.tmpdir())`;
    // outside CI other runs may share the machine: their files are not this run's
    if (!process.env.CI) return void console.warn(message);
    process.exitCode = 1;
    throw new Error(message);
  };
}
