// Tests that start one of the lab's programs need the build: this makes it when dist/ lacks that program.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/sys/packageRoot.js';

/**
 * scripts/test builds before any suite runs; `npx vitest run test/unit` on a fresh clone has no
 * dist/ yet, so a test that spawns a built program builds it first (tsc, about 20 s) rather than fail.
 */
export function ensureBuilt(program: string): void {
  if (existsSync(program)) return;
  const root = packageRoot();
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.json')], { stdio: 'inherit' });
}
