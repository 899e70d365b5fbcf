// Who owns a file in a fixture tree: git keeps no owners, so a captured tree lists them in .owners ("mode uid gid name") per directory.
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { hostFiles, type HostFiles } from '../../src/observe/host/hostFiles.js';

/** The uid .owners gives the entry; root (0, the capturing user) for one it does not list; null when the path does not exist. */
export function fixtureOwner(root: string): (path: string) => number | null {
  return (path) => {
    const full = join(root, path);
    if (!existsSync(full)) return null;
    const listing = join(dirname(full), '.owners');
    if (!existsSync(listing)) return 0;
    for (const line of readFileSync(listing, 'utf8').split('\n')) {
      const [, uid, , name] = line.trim().split(/\s+/);
      if (name === basename(full)) return Number(uid);
    }
    return 0;
  };
}

/** A fixture tree as the probe reads a host. */
export function fixtureHost(root: string): HostFiles {
  return hostFiles(root, fixtureOwner(root));
}
