// The tests' own reading of where a process's root is: stat and readlink on /proc/<pid>/root, no app code.
import { readlinkSync, statSync } from 'node:fs';

/** Device and inode of a directory: "65024:2". */
export function devIno(path: string): string {
  const s = statSync(path, { bigint: true });
  return `${s.dev}:${s.ino}`;
}

/** What /proc/<pid>/root leads to (dev:ino) and what the link says. */
export function rootOf(pid: number): { id: string; link: string } {
  return { id: devIno(`/proc/${pid}/root/`), link: readlinkSync(`/proc/${pid}/root`) };
}
