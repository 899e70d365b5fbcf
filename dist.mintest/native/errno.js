// errno numbers → names, and the Error a failed kernel call throws (carries syscall and code).
/** asm-generic/errno-base.h and errno.h: the same numbers on x64 and arm64. */
const ERRNO_NAMES = {
    1: 'EPERM', 2: 'ENOENT', 3: 'ESRCH', 4: 'EINTR', 5: 'EIO', 6: 'ENXIO', 7: 'E2BIG', 8: 'ENOEXEC',
    9: 'EBADF', 10: 'ECHILD', 11: 'EAGAIN', 12: 'ENOMEM', 13: 'EACCES', 14: 'EFAULT', 15: 'ENOTBLK',
    16: 'EBUSY', 17: 'EEXIST', 18: 'EXDEV', 19: 'ENODEV', 20: 'ENOTDIR', 21: 'EISDIR', 22: 'EINVAL',
    23: 'ENFILE', 24: 'EMFILE', 25: 'ENOTTY', 26: 'ETXTBSY', 27: 'EFBIG', 28: 'ENOSPC', 29: 'ESPIPE',
    30: 'EROFS', 31: 'EMLINK', 32: 'EPIPE', 34: 'ERANGE', 36: 'ENAMETOOLONG', 38: 'ENOSYS',
    39: 'ENOTEMPTY', 40: 'ELOOP', 95: 'EOPNOTSUPP', 97: 'EAFNOSUPPORT', 110: 'ETIMEDOUT',
};
const ERRNO_TEXT = {
    EPERM: 'Operation not permitted', ENOENT: 'No such file or directory', ESRCH: 'No such process',
    EINTR: 'Interrupted system call', EIO: 'Input/output error', EXDEV: 'Invalid cross-device link',
    ELOOP: 'Too many levels of symbolic links', EBADF: 'Bad file descriptor', EAGAIN: 'Resource temporarily unavailable',
    ENOMEM: 'Cannot allocate memory', EACCES: 'Permission denied', EFAULT: 'Bad address',
    EBUSY: 'Device or resource busy', EEXIST: 'File exists', ENODEV: 'No such device',
    ENOTDIR: 'Not a directory', EINVAL: 'Invalid argument', ENOSPC: 'No space left on device',
    EROFS: 'Read-only file system', ENOSYS: 'Function not implemented', ENOTTY: 'Inappropriate ioctl for device',
    EOPNOTSUPP: 'Operation not supported', ENOTEMPTY: 'Directory not empty', ENAMETOOLONG: 'File name too long',
    ENOEXEC: 'Exec format error', ETXTBSY: 'Text file busy',
    E2BIG: 'Argument list too long',
};
export function errnoName(errno) {
    return ERRNO_NAMES[errno] ?? `E${errno}`;
}
export function errnoText(name) {
    return ERRNO_TEXT[name] ?? 'Unknown error';
}
/** A kernel call that returned -1: `unshare(CLONE_NEWUSER) = -1 EINVAL (Invalid argument)`. */
export class KernelError extends Error {
    syscall;
    code;
    errno;
    constructor(syscall, errno, detail) {
        const code = errnoName(errno);
        super(`${syscall}: ${code} (${errnoText(code)})${detail ? ` — ${detail}` : ''}`);
        this.name = 'KernelError';
        this.syscall = syscall;
        this.code = code;
        this.errno = errno;
    }
}
