// File calls Node lacks, through koffi: mknod(2) for overlay whiteouts, l{get,set}xattr(2) for opaque dirs.
import { KernelError } from '../../native/errno.js';
import { lastErrno, libc } from '../../native/libc.js';
import { invoke } from '../../native/kernel.js';
import { quote } from '../../native/syscallLog.js';
const S_IFCHR = 0o020000;
const ENODATA = 61;
const ERANGE = 34;
/**
 * A whiteout as overlayfs makes it: a character device with device number 0/0 (overlayfs.rst
 * "whiteouts and opaque directories"). Needs CAP_MKNOD, except that since Linux 5.8 the 0/0
 * whiteout device may be made without it.
 */
export function mknodWhiteout(path) {
    invoke('mknod', [quote(path), 'S_IFCHR|000', 'makedev(0, 0)'], () => Number(libc().mknod(path, S_IFCHR | 0, 0n)), true, path);
}
/** An extended attribute of the path itself (not a symlink's target); null when it has none. */
export function getXattr(path, name) {
    const buf = Buffer.alloc(256);
    const ret = Number(libc().lgetxattr(path, name, buf, buf.length));
    if (ret >= 0)
        return buf.subarray(0, ret);
    const errno = lastErrno();
    if (errno === ENODATA)
        return null;
    if (errno === ERANGE)
        throw new KernelError('lgetxattr', errno, `${name} on ${path} is longer than ${buf.length} bytes`);
    throw new KernelError('lgetxattr', errno, `${name} on ${path}`);
}
export function setXattr(path, name, value) {
    const data = Buffer.from(value, 'utf8');
    invoke('lsetxattr', [quote(path), quote(name), quote(value), String(data.length), '0'], () => Number(libc().lsetxattr(path, name, data, data.length, 0)), true, `${name} on ${path}`);
}
/** overlayfs.rst: a directory with trusted.overlay.opaque="y" hides the lower directories' entries. */
export const OPAQUE_XATTR = 'trusted.overlay.opaque';
/** The same marker on an overlay mounted with "userxattr" (in a user namespace: overlayfs.rst "User xattr"). */
export const USER_OPAQUE_XATTR = 'user.overlay.opaque';
/** The opaque marker's name for a mount with or without the userxattr option. */
export function opaqueXattr(userxattr) {
    return userxattr ? USER_OPAQUE_XATTR : OPAQUE_XATTR;
}
