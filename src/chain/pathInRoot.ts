// Resolves a path the way a process chrooted into a directory would see it: absolute symlinks stay inside.
import { join } from 'node:path';

/** What resolving needs of the file system: lstat(2) and readlink(2); a Sys has both. */
export interface LinkReader {
  lstat(path: string): { isSymbolicLink: boolean };
  readlink(path: string): string;
}

/**
 * An image's /bin/sleep is often `-> /bin/busybox`: followed from the host, that would be the
 * host's busybox. Here every symlink is read inside `root` ("/" is root, ".." stops at it).
 * Returns the host path of what the name ends at, or null when a part is missing or the links
 * go round (more than 40, like the kernel's ELOOP). Reads through `fs`: a step's ctx.sys.
 */
export function resolveInRoot(root: string, path: string, fs: LinkReader): string | null {
  const parts = path.split('/').filter((p) => p !== '' && p !== '.');
  let resolved: string[] = [];
  let links = 0;
  while (parts.length > 0) {
    const name = parts.shift()!;
    if (name === '..') {
      resolved.pop();
      continue;
    }
    const host = join(root, ...resolved, name);
    let isLink: boolean;
    try {
      isLink = fs.lstat(host).isSymbolicLink;
    } catch {
      return null;
    }
    if (!isLink) {
      resolved.push(name);
      continue;
    }
    if (++links > 40) return null;
    const target = fs.readlink(host);
    if (target.startsWith('/')) resolved = [];
    parts.unshift(...target.split('/').filter((p) => p !== '' && p !== '.'));
  }
  return join(root, ...resolved);
}
