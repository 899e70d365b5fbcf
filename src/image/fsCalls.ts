// File calls Node lacks, through koffi: mknod(2) for overlay whiteouts, l{get,set}xattr(2) for opaque dirs.
import koffi from 'koffi';
import { KernelError, errnoName } from '../../native/errno.js';
import { loadLibc } from '../../native/libc.js';
import { syscallLog, quote } from '../../native/syscallLog.js';

const S_IFCHR = 0o020000;
const ENODATA = 61;
const ERANGE = 34;

function load() {
  const lib = loadLibc();
  return {
    mknod: lib.func('int mknod(const char *path, unsigned int mode, uint64_t dev)'),
    lgetxattr: lib.func('long lgetxattr(const char *path, const char *name, _Out_ uint8_t *value, size_t size)'),
    lsetxattr: lib.func('int lsetxattr(const char *path, const char *name, const uint8_t *value, size_t size, int flags)'),
  };
}

let fns: ReturnType<typeof load> | null = null;
const calls = () => (fns ??= load());

/**
 * A whiteout as overlayfs makes it: a character device with device number 0/0 (overlayfs.rst
 * "whiteouts and opaque directories"). Needs CAP_MKNOD, except that since Linux 5.8 the 0/0
 * whiteout device may be made without it.
 */
export function mknodWhiteout(path: string): void {
  const started = performance.now();
  const ret = calls().mknod(path, S_IFCHR | 0, 0n) as number;
  const ms = performance.now() - started;
  if (ret === -1) {
    const errno = koffi.errno();
    syscallLog.record('mknod', [quote(path), 'S_IFCHR|000', 'makedev(0, 0)'], -1, errnoName(errno), ms);
    throw new KernelError('mknod', errno, path);
  }
  syscallLog.record('mknod', [quote(path), 'S_IFCHR|000', 'makedev(0, 0)'], 0, undefined, ms);
}

/** An extended attribute of the path itself (not a symlink's target); null when it has none. */
export function getXattr(path: string, name: string): Buffer | null {
  const buf = Buffer.alloc(256);
  const ret = Number(calls().lgetxattr(path, name, buf, buf.length));
  if (ret >= 0) return buf.subarray(0, ret);
  const errno = koffi.errno();
  if (errno === ENODATA) return null;
  if (errno === ERANGE) throw new KernelError('lgetxattr', errno, `${name} on ${path} is longer than ${buf.length} bytes`);
  throw new KernelError('lgetxattr', errno, `${name} on ${path}`);
}

export function setXattr(path: string, name: string, value: string): void {
  const data = Buffer.from(value, 'utf8');
  const started = performance.now();
  const ret = calls().lsetxattr(path, name, data, data.length, 0) as number;
  const ms = performance.now() - started;
  const args = [quote(path), quote(name), quote(value), String(data.length), '0'];
  if (ret === -1) {
    const errno = koffi.errno();
    syscallLog.record('lsetxattr', args, -1, errnoName(errno), ms);
    throw new KernelError('lsetxattr', errno, `${name} on ${path}`);
  }
  syscallLog.record('lsetxattr', args, 0, undefined, ms);
}

/** overlayfs.rst: a directory with trusted.overlay.opaque="y" hides the lower directories' entries. */
export const OPAQUE_XATTR = 'trusted.overlay.opaque';
