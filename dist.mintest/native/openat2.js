// openat2(2) and the *at(2) calls that work on a directory fd: paths resolved inside a root, each call logged.
import { constants } from 'node:fs';
import { libc } from './libc.js';
import { invoke } from './kernel.js';
import { quote } from './syscallLog.js';
import { flagNames, syscallNumber } from './constants.js';
/** open(2) flags; O_DIRECTORY and O_NOFOLLOW differ between x64 and arm64, so they come from Node. */
export const O = {
    PATH: 0o10000000,
    WRONLY: constants.O_WRONLY,
    CREAT: constants.O_CREAT,
    TRUNC: constants.O_TRUNC,
    APPEND: constants.O_APPEND,
    DIRECTORY: constants.O_DIRECTORY,
    NOFOLLOW: constants.O_NOFOLLOW,
    NONBLOCK: constants.O_NONBLOCK,
    CLOEXEC: 0o2000000,
};
/** openat2(2) `resolve` bits, from <linux/openat2.h>. */
export const RESOLVE = {
    IN_ROOT: 0x10,
    BENEATH: 0x08,
    NO_MAGICLINKS: 0x02,
    NO_SYMLINKS: 0x04,
    NO_XDEV: 0x01,
};
const AT_FDCWD = -100;
const AT_REMOVEDIR = 0x200;
export function openFlagNames(flags) {
    const names = flagNames(flags, O, 'O_');
    return (flags & 3) === 0 && !(flags & O.PATH) ? (flags === 0 ? 'O_RDONLY' : 'O_RDONLY|' + names) : names;
}
/** openat(AT_FDCWD, path, flags): the root itself, a path the lab chose (the session dir, /proc/<pid>/root). */
export function openDir(path, record = true) {
    const flags = O.PATH | O.DIRECTORY | O.CLOEXEC;
    const fd = invoke('openat', ['AT_FDCWD', quote(path), openFlagNames(flags)], () => libc().openat(AT_FDCWD, path, flags), record);
    return { fd, shown: `${fd}<${path}>` };
}
/**
 * openat2(2): struct open_how { u64 flags; u64 mode; u64 resolve; }. With RESOLVE_IN_ROOT every
 * absolute symlink and every ".." is resolved as if dir were "/" (a chroot for this one lookup,
 * with the kernel's checks against rename races); RESOLVE_NO_MAGICLINKS refuses /proc's
 * /proc/<pid>/root, /proc/<pid>/fd/<n> links on the way (ELOOP).
 */
export function openat2(dir, path, flags, mode, resolve, record = true) {
    const how = Buffer.alloc(24);
    how.writeBigUInt64LE(BigInt(flags), 0);
    how.writeBigUInt64LE(BigInt(flags & O.CREAT ? mode : 0), 8);
    how.writeBigUInt64LE(BigInt(resolve), 16);
    const shownHow = `{flags=${openFlagNames(flags)}${flags & O.CREAT ? `, mode=0${mode.toString(8)}` : ''}, resolve=${flagNames(resolve, RESOLVE, 'RESOLVE_')}}`;
    const nr = syscallNumber('openat2');
    return invoke('openat2', [dir.shown, quote(path), shownHow, '24'], () => Number(libc().syscall(nr, 'int', dir.fd, 'str', path, 'void *', how, 'size_t', 24)), record);
}
export function unlinkat(dir, name, removeDir) {
    invoke('unlinkat', [dir.shown, quote(name), removeDir ? 'AT_REMOVEDIR' : '0'], () => libc().unlinkat(dir.fd, name, removeDir ? AT_REMOVEDIR : 0));
}
export function mkdirat(dir, name, mode) {
    invoke('mkdirat', [dir.shown, quote(name), '0' + mode.toString(8)], () => libc().mkdirat(dir.fd, name, mode));
}
/** readlinkat(fd, "", …) on an O_PATH|O_NOFOLLOW fd of the link itself (readlink(2), Linux ≥ 2.6.39). */
export function readlinkFd(fd) {
    const buf = Buffer.alloc(4096);
    const n = invoke('readlinkat', [String(fd), '""'], () => Number(libc().readlinkat(fd, '', buf, buf.length)), false);
    return buf.subarray(0, n).toString('utf8');
}
/** getdents64(2): the names in an open directory, without "." and "..". */
export function readdirFd(fd) {
    const names = [];
    const buf = Buffer.alloc(32768);
    for (;;) {
        const n = invoke('getdents64', [String(fd)], () => Number(libc().getdents64(fd, buf, buf.length)), false);
        if (n === 0)
            return names;
        // struct linux_dirent64 { u64 d_ino; s64 d_off; u16 d_reclen; u8 d_type; char d_name[]; }
        for (let at = 0; at < n;) {
            const reclen = buf.readUInt16LE(at + 16);
            const end = buf.indexOf(0, at + 19);
            const name = buf.subarray(at + 19, end).toString('utf8');
            if (name !== '.' && name !== '..')
                names.push(name);
            at += reclen;
        }
    }
}
export function closeFd(fd) {
    libc().close(fd);
}
