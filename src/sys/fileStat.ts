// node:fs Stats → the lab's FileStat (src/sys/types.ts).
import type { Stats } from 'node:fs';
import type { FileStat } from './types.js';

export function fileStat(s: Stats): FileStat {
  return {
    dev: s.dev, ino: s.ino, mode: s.mode, uid: s.uid, gid: s.gid, size: s.size, rdev: s.rdev,
    isFile: s.isFile(), isDirectory: s.isDirectory(), isSymbolicLink: s.isSymbolicLink(), isCharacterDevice: s.isCharacterDevice(),
  };
}
