// A RecordingSys whose directories have identities: lstat gives each listed path its own device:inode.
import { RecordingSys } from './recordingSys.js';
import type { FileStat } from '../../src/sys/types.js';

export class InodeSys extends RecordingSys {
  /** path (no trailing slash, "/" for the root) → "dev:ino"; a path ending in "/" is looked up without it */
  readonly ids = new Map<string, string>();

  identify(ids: Record<string, string>): this {
    for (const [path, id] of Object.entries(ids)) this.ids.set(path, id);
    return this;
  }

  override lstat(path: string): FileStat {
    const id = this.ids.get(path === '/' ? path : path.replace(/\/$/, ''));
    if (id === undefined) return super.lstat(path);
    const [dev, ino] = id.split(':').map(Number);
    return { dev, ino, mode: 0o40755, uid: 0, gid: 0, size: 0, rdev: 0, isFile: false, isDirectory: true, isSymbolicLink: false, isCharacterDevice: false };
  }
}

/** A mountinfo line (proc(5)) for one mount. */
export function mountLine(id: number, majorMinor: string, root: string, mountPoint: string, fsType: string): string {
  return `${id} 1 ${majorMinor} ${root} ${mountPoint} rw,relatime - ${fsType} ${fsType} rw`;
}

/** /proc/<pid>/status with the lines parseStatus needs. */
export function statusText(pid: number, nsPids: number[]): string {
  return [`Name:\tsh`, 'State:\tS (sleeping)', `Pid:\t${pid}`, 'PPid:\t1', 'Uid:\t0\t0\t0\t0', 'Gid:\t0\t0\t0\t0', `NSpid:\t${nsPids.join('\t')}`, ''].join('\n');
}
