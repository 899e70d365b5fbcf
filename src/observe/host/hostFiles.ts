// Reads the host's kernel files under a root path (/ for real, a fixture tree in tests), and who owns them.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface HostFiles {
  /** the file's text, or null when it cannot be read (missing, or not allowed) */
  read(path: string): string | null;
  /** the uid owning the file or directory, or null when it does not exist */
  owner(path: string): number | null;
}

export function hostFiles(root = '/', owner?: (path: string) => number | null): HostFiles {
  return {
    read(path) {
      try {
        return readFileSync(join(root, path), 'utf8');
      } catch {
        return null;
      }
    },
    owner: owner ?? ((path) => {
      try {
        return statSync(join(root, path)).uid;
      } catch {
        return null;
      }
    }),
  };
}
