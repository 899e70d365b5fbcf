// vitest globalSetup: every run gets an image cache (CONTAINER_LAB_CACHE_DIR) and a lesson cache (XDG_CACHE_HOME) of its own, removed
// when the run ends, so tests never read or change the user's. Set here, in the main process
// before any worker starts: the workers inherit it, and so do the programs the kernel and e2e
// suites spawn (the built app, its helper and builder).
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'container-lab-test-cache-'));
  process.env.CONTAINER_LAB_CACHE_DIR = dir;
  delete process.env.CONTAINER_LAB_IMAGE_DIR; // it would win over the run's own cache
  // the parsed lessons (src/lesson/lessonCache.ts): one file per lesson directory a test opens
  const xdg = mkdtempSync(join(tmpdir(), 'container-lab-test-xdg-cache-'));
  chmodSync(xdg, 0o1777); // the rootless tests' uid 65534 keeps its own beneath
  process.env.XDG_CACHE_HOME = xdg;
  return () => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(xdg, { recursive: true, force: true });
  };
}
