// State homes for tests: a fresh one under the run's (test/support/stateHome.ts), or one owned by the user a test runs the app as.
import { chownSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';

export function stateRoot(): string {
  const root = process.env.CONTAINER_LAB_TEST_STATE_ROOT;
  if (!root) throw new Error('CONTAINER_LAB_TEST_STATE_ROOT is not set: run the tests through vitest.config.ts (its globalSetup makes the run a state home)');
  return root;
}

/** a new state home under the run's; removed with it at the latest */
export function freshStateHome(kind = 'test'): string {
  return mkdtempSync(join(stateRoot(), `${kind}-`));
}

/**
 * A state home owned by `uid`, for a test that runs the app as another user (uid 65534 through setpriv):
 * the one it would inherit is root's, which that user can neither read nor write. Removed with the run's.
 */
export function stateHomeOwnedBy(uid: number): string {
  const dir = freshStateHome(`uid${uid}`);
  chownSync(dir, uid, uid);
  return dir;
}
