// Who owns a file in a fixture tree: git keeps no owners, so a captured tree lists them in .owners ("mode uid gid name") per directory.
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { hostFiles, type HostFiles, type HostStat } from '../../src/observe/host/hostFiles.js';

/** "-rw-r--r--" → 0o644 (the permission bits; the type letter is left out). */
function modeBits(text: string): number {
  return [...text.slice(1, 10)].reduce((bits, c) => (bits << 1) | (c === '-' ? 0 : 1), 0);
}

/** The uid and mode .owners gives the entry; root's 0644 (the capturing user) for one it does not list; null when the path does not exist. */
export function fixtureStat(root: string): (path: string) => HostStat | null {
  return (path) => {
    const full = join(root, path);
    if (!existsSync(full)) return null;
    const listing = join(dirname(full), '.owners');
    if (!existsSync(listing)) return { uid: 0, mode: 0o644 };
    for (const line of readFileSync(listing, 'utf8').split('\n')) {
      const [mode, uid, , name] = line.trim().split(/\s+/);
      if (name === basename(full)) return { uid: Number(uid), mode: modeBits(mode) };
    }
    return { uid: 0, mode: 0o644 };
  };
}

/** A fixture tree as the probe reads a host. */
export function fixtureHost(root: string): HostFiles {
  return hostFiles(root, fixtureStat(root));
}
