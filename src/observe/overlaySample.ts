// Reads the lab's overlay mounts and what each upperdir holds: new and copied-up files, whiteouts, opaque dirs.
import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { MountEntry, OverlayState } from '../types.js';
import { overlayMounts } from './parse/overlay.js';
import { getXattr, OPAQUE_XATTR, USER_OPAQUE_XATTR } from '../image/fsCalls.js';

export type UpperKind = OverlayState['upperEntries'][number]['kind'];

/** What the sampler needs to know about one path: enough to tell a whiteout from a file. */
export interface UpperStat {
  type: 'file' | 'dir' | 'symlink' | 'char' | 'other';
  /** device number of a device node (0 for the 0/0 whiteout) */
  rdev: number;
}

/** The file calls the sampler makes; tests pass a fixture captured from a real upperdir instead. */
export interface UpperFs {
  readdir(path: string): string[];
  lstat(path: string): UpperStat;
  /** the value of the overlay opaque xattr, or null */
  opaque(path: string): string | null;
}

export const realUpperFs: UpperFs = {
  readdir: (path) => readdirSync(path),
  lstat(path) {
    const st = lstatSync(path);
    const type = st.isFile() ? 'file' : st.isDirectory() ? 'dir' : st.isSymbolicLink() ? 'symlink' : st.isCharacterDevice() ? 'char' : 'other';
    return { type, rdev: st.rdev };
  },
  opaque(path) {
    try {
      return (getXattr(path, OPAQUE_XATTR) ?? getXattr(path, USER_OPAQUE_XATTR))?.toString('utf8') ?? null;
    } catch {
      return null; // no xattr support here, or the path went away
    }
  },
};

/**
 * overlayfs.rst "whiteouts and opaque directories": a whiteout is a character device 0/0; an
 * opaque directory has the overlay.opaque xattr set to "y" (6.7+ may also write "x" on a lower
 * directory that holds xattr-whiteouts: not opaque).
 */
export function classifyUpper(st: UpperStat, opaque: string | null): UpperKind | null {
  if (st.type === 'char' && st.rdev === 0) return 'whiteout';
  if (st.type === 'dir') return opaque === 'y' ? 'opaque' : 'dir';
  if (st.type === 'file') return 'file';
  if (st.type === 'symlink') return 'symlink';
  return null;
}

/**
 * Every entry under an upperdir, depth first, names sorted, as paths seen inside the container
 * ("/etc/motd"). At most `limit` entries: a container that installs packages writes thousands.
 */
export function listUpperEntries(upper: string, fs: UpperFs = realUpperFs, limit = 200): OverlayState['upperEntries'] {
  const out: OverlayState['upperEntries'] = [];
  const walk = (dir: string, rel: string): void => {
    let names: string[];
    try {
      names = fs.readdir(dir).sort();
    } catch {
      return; // removed while we looked
    }
    for (const name of names) {
      if (out.length >= limit) return;
      const path = join(dir, name);
      let st: UpperStat;
      try {
        st = fs.lstat(path);
      } catch {
        continue;
      }
      const kind = classifyUpper(st, st.type === 'dir' ? fs.opaque(path) : null);
      if (kind === null) continue;
      out.push({ path: `${rel}/${name}`, kind });
      if (st.type === 'dir') walk(path, `${rel}/${name}`);
    }
  };
  walk(upper, '');
  return out;
}

/**
 * The overlay mounts a container has and the host does not (mounts marked `added`), each with
 * its upperdir's entries, read under `root` (the upperdir is an ordinary directory on the host).
 */
export function sampleOverlays(root: string, mounts: Array<MountEntry & { added: boolean }>, fs: UpperFs = realUpperFs): OverlayState[] {
  return overlayMounts(mounts.filter((m) => m.added)).map(({ mount, options }) => ({
    merged: mount.mountPoint,
    lower: options.lower,
    upper: options.upper ?? '',
    work: options.work ?? '',
    upperEntries: options.upper ? listUpperEntries(join(root, options.upper), fs) : [],
  }));
}
