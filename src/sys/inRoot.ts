// In-root file calls through openat2(2) RESOLVE_IN_ROOT|RESOLVE_NO_MAGICLINKS: the root opened once, every path resolved inside it.
import { fstatSync, readFileSync, writeSync } from 'node:fs';
import { syscallLog, quote } from '../../native/syscallLog.js';
import { O, RESOLVE, closeFd, mkdirat, openDir, openat2, readdirFd, readlinkFd, unlinkat, type DirFd } from '../../native/openat2.js';
import { fileStat } from './fileStat.js';
import { lstatSucceeds, relInRoot, splitInRoot } from './inRootPath.js';
import type { FileStat, InRoot, WriteHow } from './types.js';

const IN_ROOT = RESOLVE.IN_ROOT | RESOLVE.NO_MAGICLINKS;

function withFd<T>(fd: number, use: (fd: number) => T): T {
  try {
    return use(fd);
  } finally {
    closeFd(fd);
  }
}

class Openat2Root implements InRoot {
  readonly via = 'openat2';
  constructor(readonly root: string, private readonly dir: DirFd) {}

  private open(path: string, flags: number, record = false, mode = 0): number {
    return openat2(this.dir, path, flags | O.CLOEXEC, mode, IN_ROOT, record);
  }

  /** The parent directory, resolved in the root; the last name stays for an *at(2) call that does not follow it. */
  private parent<T>(path: string, use: (dir: DirFd, name: string) => T): T {
    const { parent, name } = splitInRoot(path);
    const fd = this.open(parent, O.PATH | O.DIRECTORY, true);
    return withFd(fd, () => use({ fd, shown: `${fd}<${this.root}/${parent === '.' ? '' : parent}>` }, name));
  }

  /** O_NONBLOCK: a FIFO the container planted fails with EAGAIN instead of hanging the helper. */
  readBytes(path: string): Buffer {
    return withFd(this.open(relInRoot(path), O.NONBLOCK), (fd) => readFileSync(fd));
  }

  readFile(path: string): string {
    return this.readBytes(path).toString('utf8');
  }

  readdir(path: string): string[] {
    return withFd(this.open(relInRoot(path), O.DIRECTORY), readdirFd);
  }

  lstat(path: string): FileStat {
    return withFd(this.open(relInRoot(path), O.PATH | O.NOFOLLOW), (fd) => fileStat(fstatSync(fd)));
  }

  readlink(path: string): string {
    return withFd(this.open(splitInRoot(path).rel, O.PATH | O.NOFOLLOW), readlinkFd);
  }

  exists(path: string): boolean {
    return lstatSucceeds((p) => this.lstat(p), path);
  }

  writeFile(path: string, data: string, how: WriteHow = {}): void {
    const flags = O.WRONLY | O.CREAT | O.NONBLOCK | (how.append ? O.APPEND : O.TRUNC);
    withFd(this.open(splitInRoot(path).rel, flags, true, how.mode ?? 0o666), (fd) => {
      const bytes = Buffer.byteLength(data);
      if (bytes > 0) writeSync(fd, data);
      syscallLog.record('write', [String(fd), quote(data), String(bytes)], bytes);
    });
  }

  unlink(path: string): void {
    this.parent(path, (dir, name) => unlinkat(dir, name, false));
  }

  rmdir(path: string): void {
    this.parent(path, (dir, name) => unlinkat(dir, name, true));
  }

  mkdir(path: string, mode = 0o755): void {
    this.parent(path, (dir, name) => mkdirat(dir, name, mode));
  }
}

let works: boolean | null = null;

/**
 * Whether this kernel has openat2(2) (Linux ≥ 5.6; a seccomp filter may refuse it too): one
 * unlogged probe per process. CONTAINER_LAB_NO_OPENAT2=1 pretends ENOSYS (the fallback's tests).
 */
export function openat2Works(): boolean {
  if (process.env.CONTAINER_LAB_NO_OPENAT2 === '1') return false;
  if (works === null) {
    try {
      closeFd(openat2({ fd: -100, shown: 'AT_FDCWD' }, '/', O.PATH | O.CLOEXEC, 0, 0, false));
      works = true;
    } catch {
      works = false;
    }
  }
  return works;
}

/** Opens root (O_PATH|O_DIRECTORY), runs `use`, closes it. */
export function withOpenat2Root<T>(root: string, use: (r: InRoot) => T): T {
  const dir = openDir(root, false);
  return withFd(dir.fd, () => use(new Openat2Root(root, dir)));
}
