// vitest globalSetup: the run's progress lives under a temporary root of its own (XDG_STATE_HOME), never the user's, and the run fails if it wrote the user's anyway.
// Set in the main process before any worker starts: workers, the apps they spawn and tmux panes inherit it;
// test/support/stateHomeEach.ts gives each test file and each test a directory of its own beneath it.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { homeFromPasswd } from '../../src/progress/location.js';

/** where the app keeps progress for a user whose state home is unset: the places a test must never write */
export function guardedStateDirs(env: NodeJS.ProcessEnv = process.env): string[] {
  const homes = new Set(['/root', '/tmp']); // root's own; /tmp is the HOME some nobody runs are given
  if (env.HOME) homes.add(env.HOME);
  if (env.SUDO_USER) {
    try {
      const home = homeFromPasswd(readFileSync('/etc/passwd', 'utf8'), env.SUDO_USER);
      if (home) homes.add(home);
    } catch {
      // no passwd file: no invoking user's home to guard
    }
  }
  return [...homes].map((home) => join(home, '.local', 'state', 'container-lab'));
}

/** what is in a state directory, with sizes and times: a write shows as a change; null when it is not there */
export function stateSnapshot(dir: string): string | null {
  if (!existsSync(dir)) return null;
  try {
    return readdirSync(dir).sort().map((name) => {
      const s = statSync(join(dir, name));
      return `${name} ${s.size} ${s.mtimeMs}`;
    }).join('\n');
  } catch (error) {
    return `unreadable: ${(error as Error).message}`;
  }
}

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'container-lab-test-state-'));
  chmodSync(root, 0o711); // a test may hand uid 65534 a directory of its own in here
  const run = join(root, 'run');
  mkdirSync(run);
  process.env.CONTAINER_LAB_TEST_STATE_ROOT = root;
  process.env.XDG_STATE_HOME = run;
  // as root under sudo the app writes the invoking user's progress whatever XDG_STATE_HOME says
  const guarded = guardedStateDirs();
  for (const name of ['SUDO_UID', 'SUDO_GID', 'SUDO_USER']) delete process.env[name];
  const before = new Map(guarded.map((dir) => [dir, stateSnapshot(dir)]));
  return () => {
    rmSync(root, { recursive: true, force: true });
    const written = guarded.filter((dir) => stateSnapshot(dir) !== before.get(dir));
    // made by this run: removed (it held nothing of the user's); one that was there is left as it is
    for (const dir of written) if (before.get(dir) === null) rmSync(dir, { recursive: true, force: true });
    if (written.length > 0) {
      process.exitCode = 1; // vitest reports a teardown error but exits 0 on it
      throw new Error(`the tests wrote a user's progress (${written.join(', ')}): a test ran the app without a state home of its own (see docs/DEVELOPING.md, "Tests and the user's state")`);
    }
  };
}
