// upperToEntries: an upperdir as layer entries; rootless, owners as the container saw them.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { upperToEntries } from '../../../src/image/commit.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function upper(): string {
  const dir = mkdtempSync(join(tmpdir(), 'container-lab-test-upper-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'etc'));
  writeFileSync(join(dir, 'etc/motd'), 'changed\n');
  return dir;
}

describe('upperToEntries', () => {
  it('records each file\'s owner on the host by default', () => {
    const uid = process.geteuid?.() ?? 0;
    const entries = upperToEntries(upper());
    expect(entries.map((e) => [e.path, e.uid])).toEqual([['etc', uid], ['etc/motd', uid]]);
  });

  it('rootless: records the owner through the given map (the user namespace\'s uid_map)', () => {
    const seen: Array<[number, number]> = [];
    const entries = upperToEntries(upper(), (uid, gid) => {
      seen.push([uid, gid]);
      return { uid: 0, gid: 0 };
    });
    expect(entries.map((e) => [e.path, e.uid, e.gid])).toEqual([['etc', 0, 0], ['etc/motd', 0, 0]]);
    const uid = process.geteuid?.() ?? 0;
    expect(seen.map(([u]) => u)).toEqual([uid, uid]);
  });
});
