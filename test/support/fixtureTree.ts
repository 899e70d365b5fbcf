// Loads a fixture host tree into the recording fake: each file under the tree appears at its path from /.
import { readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { RecordingSys } from './recordingSys.js';

/**
 * A link to a directory of the tree (proc/self → 4242) is read through, so /proc/self/mountinfo
 * is a file of the fake; any other link (ns/uts → "uts:[4026531838]") stays a link. Files named
 * `.owners` ("mode uid gid name" per line, as the capture wrote them) are handed to onOwners.
 */
export function loadTree<S extends RecordingSys>(fixture: string, sys: S, onOwners?: (dir: string, text: string) => void): S {
  const walk = (dir: string, at: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      const to = `${at}/${entry.name}`;
      if (entry.isSymbolicLink()) {
        let isDir = false;
        try {
          isDir = statSync(path).isDirectory();
        } catch {
          // dangling in the tree: a namespace link's text
        }
        if (isDir) walk(path, to);
        else sys.links.set(to, readlinkSync(path));
      } else if (entry.isDirectory()) {
        sys.dirs.add(to);
        walk(path, to);
      } else if (entry.name === '.owners') {
        onOwners?.(at, readFileSync(path, 'utf8'));
      } else {
        sys.files.set(to, readFileSync(path, 'utf8'));
      }
    }
  };
  walk(fixture, '');
  return sys;
}
