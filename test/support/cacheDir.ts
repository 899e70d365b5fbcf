// vitest globalSetup: every run gets an image cache of its own (CONTAINER_LAB_CACHE_DIR), removed
// when the run ends, so tests never read or change the user's. Set here, in the main process
// before any worker starts: the workers inherit it, and so do the programs the kernel and e2e
// suites spawn (the built app, its helper and builder).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'container-lab-test-cache-'));
  process.env.CONTAINER_LAB_CACHE_DIR = dir;
  delete process.env.CONTAINER_LAB_IMAGE_DIR; // it would win over the run's own cache
  return () => rmSync(dir, { recursive: true, force: true });
}
