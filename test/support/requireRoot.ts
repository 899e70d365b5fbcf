// Root-only suites: skipped loudly outside CI, and a failure in CI (no suite may be skipped there).
import { describe } from 'vitest';

export const isRoot = (process.geteuid?.() ?? 1) === 0;
export const inCi = process.env.CI === 'true' || process.env.CI === '1';

export function describeAsRoot(name: string, fn: () => void): void {
  if (isRoot) {
    describe(name, fn);
    return;
  }
  if (inCi) {
    describe(name, () => {
      throw new Error(`${name}: this suite needs root, and in CI no suite may be skipped`);
    });
    return;
  }
  process.stderr.write(`\n*** SKIPPED: "${name}" needs root (kernel calls for real). Run the tests as root to include it. ***\n\n`);
  describe.skip(name, fn);
}
