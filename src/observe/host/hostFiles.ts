// Reads the host's kernel files under a root path (/ for real, a fixture tree in tests), and who owns them.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { DelegationFs } from '../../cgroup/delegation.js';

/** Owner and mode bits of a file or directory. */
export interface HostStat {
  uid: number;
  mode: number;
}

export interface HostFiles {
  /** the file's text, or null when it cannot be read (missing, or not allowed) */
  read(path: string): string | null;
  /** owner and mode, or null when it does not exist */
  stat(path: string): HostStat | null;
}

export function hostFiles(root = '/', stat?: (path: string) => HostStat | null): HostFiles {
  return {
    read(path) {
      try {
        return readFileSync(join(root, path), 'utf8');
      } catch {
        return null;
      }
    },
    stat: stat ?? ((path) => {
      try {
        const st = statSync(join(root, path));
        return { uid: st.uid, mode: st.mode };
      } catch {
        return null;
      }
    }),
  };
}

/** The same files as the cgroup delegation check reads them (paths from the root; missing files throw ENOENT). */
export function delegationFs(files: HostFiles): DelegationFs {
  const missing = (path: string) => Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
  return {
    readFile(path) {
      const text = files.read(path);
      if (text === null) throw missing(path);
      return text;
    },
    exists: (path) => files.stat(path) !== null,
    lstat(path) {
      const st = files.stat(path);
      if (st === null) throw missing(path);
      return st;
    },
  };
}
