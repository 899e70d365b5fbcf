// Temporary copies of the fixture host trees, so drivers can write to them.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { syscallLog } from '../../../native/syscallLog.js';
import { realSys } from '../../../src/sys/real.js';
import type { CgroupWrite } from '../../../src/cgroup/types.js';
import type { SyscallEntry } from '../../../src/types.js';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  syscallLog.drain();
});

/** A private copy of a fixture tree; symlinks (proc/self, ns links) copied as they are. */
export function copyTree(fixture: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cl-cgroup-test-'));
  made.push(dir);
  cpSync(fixture, dir, { recursive: true, verbatimSymlinks: true });
  syscallLog.drain();
  return dir;
}

export function put(root: string, rel: string, text: string): void {
  writeFileSync(join(root, rel), text);
}

export function get(root: string, rel: string): string {
  return readFileSync(join(root, rel), 'utf8');
}

/** The writes the driver logged, as [path relative to root, data]. */
export function writes(root: string): Array<[string, string]> {
  return syscallLog.drain().filter((e: SyscallEntry) => e.call === 'write').map((e) => [JSON.parse(e.args[0]).slice(root.length + 1), JSON.parse(e.args[1])]);
}

/** Makes the writes a driver hands out, each before the next is asked for, through the real Sys (logged). */
export function apply(list: Iterable<CgroupWrite>): void {
  for (const { path, value } of list) realSys.writeFile(path, value);
}
