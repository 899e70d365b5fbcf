// The recording Sys's in-root calls: container paths mapped under the root in its maps, links resolved inside the root.
import type { FileStat, InRoot, WriteHow } from '../../src/sys/types.js';
import type { RecordingSys } from './recordingSys.js';

function enoent(path: string): Error {
  return Object.assign(new Error(`ENOENT: no such file or directory, '${path}'`), { code: 'ENOENT', path });
}

/** Resolves `path` inside `root` over the fake's links, as RESOLVE_IN_ROOT would; `follow` says whether the last name is followed. */
export function fakeResolve(sys: RecordingSys, root: string, path: string, follow: boolean): string {
  const parts = path.split('/').filter((p) => p !== '' && p !== '.');
  let at: string[] = [];
  for (let links = 0; parts.length > 0;) {
    const name = parts.shift()!;
    if (name === '..') {
      at.pop();
      continue;
    }
    const host = [root, ...at, name].join('/');
    const target = sys.links.get(host);
    if (target === undefined || (!follow && parts.length === 0)) {
      at.push(name);
      continue;
    }
    if (target.startsWith('/proc/')) throw Object.assign(new Error(`ELOOP: ${host}`), { code: 'ELOOP' });
    if (++links > 40) throw Object.assign(new Error(`ELOOP: ${host}`), { code: 'ELOOP' });
    if (target.startsWith('/')) at = [];
    parts.unshift(...target.split('/').filter((p) => p !== '' && p !== '.'));
  }
  return [root, ...at].join('/');
}

export class FakeInRoot implements InRoot {
  readonly via = 'openat2';
  constructor(private readonly sys: RecordingSys, readonly root: string) {}

  private at(path: string, follow = true): string {
    return fakeResolve(this.sys, this.root, path, follow);
  }

  readFile(path: string): string {
    return this.sys.readFile(this.at(path));
  }

  readBytes(path: string): Buffer {
    return this.sys.readBytes(this.at(path));
  }

  readdir(path: string): string[] {
    return this.sys.readdir(this.at(path));
  }

  lstat(path: string): FileStat {
    return this.sys.lstat(this.at(path, false));
  }

  readlink(path: string): string {
    return this.sys.readlink(this.at(path, false));
  }

  exists(path: string): boolean {
    return this.sys.exists(this.at(path, false));
  }

  writeFile(path: string, data: string, how?: WriteHow): void {
    const host = this.at(path);
    const parent = host.slice(0, host.lastIndexOf('/'));
    if (parent !== this.root && !this.sys.exists(parent)) throw enoent(path);
    this.sys.calls.push({ via: 'inRoot', root: this.root, call: 'writeFile', path, data, ...how });
    this.sys.files.set(host, how?.append ? (this.sys.files.get(host) ?? '') + data : data);
    this.sys.record('openat2', [this.root, path, how?.append ? 'O_APPEND' : 'O_TRUNC', 'RESOLVE_IN_ROOT|RESOLVE_NO_MAGICLINKS'], 7);
  }

  unlink(path: string): void {
    this.sys.calls.push({ via: 'inRoot', root: this.root, call: 'unlink', path });
    const host = this.at(path, false);
    if (!this.sys.files.delete(host) && !this.sys.links.delete(host)) throw enoent(path);
    this.sys.record('unlinkat', [this.root, path, '0'], 0);
  }

  mkdir(path: string, mode = 0o755): void {
    this.sys.calls.push({ via: 'inRoot', root: this.root, call: 'mkdir', path, mode });
    this.sys.dirs.add(this.at(path, false));
    this.sys.record('mkdirat', [this.root, path], 0);
  }

  rmdir(path: string): void {
    this.sys.calls.push({ via: 'inRoot', root: this.root, call: 'rmdir', path });
    this.sys.dirs.delete(this.at(path, false));
    this.sys.record('unlinkat', [this.root, path, 'AT_REMOVEDIR'], 0);
  }
}
