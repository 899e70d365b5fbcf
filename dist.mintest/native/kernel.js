// The kernel calls the lab makes, each recorded in the syscall log and turned into a KernelError on -1.
import { libc, lastErrno } from './libc.js';
import { KernelError, errnoName } from './errno.js';
import { syscallLog, quote } from './syscallLog.js';
import { CLONE, MS, F_GETFD, F_SETFD, F_GETFL, F_SETFL, FD_CLOEXEC, O_NONBLOCK, PR_SET_PDEATHSIG, SIOCGIFFLAGS, SIOCSIFFLAGS, IFF_UP, AF_INET, SOCK_DGRAM, SOCK_CLOEXEC, IFREQ_SIZE, IFNAMSIZ, MNT_DETACH, flagNames, syscallNumber, } from './constants.js';
/** Runs one call, records it, throws on -1 with the errno read right after the call. */
export function invoke(call, args, fn, record = true, detail) {
    const started = performance.now();
    const ret = Number(fn());
    const ms = performance.now() - started;
    if (ret === -1) {
        const errno = lastErrno();
        syscallLog.record(call, args, -1, errnoName(errno), ms);
        throw new KernelError(call, errno, detail);
    }
    if (record)
        syscallLog.record(call, args, ret, undefined, ms);
    return ret;
}
export function cloneFlagNames(flags) {
    return flagNames(flags, CLONE, 'CLONE_');
}
export function mountFlagNames(flags) {
    return flags === 0 ? '0' : flagNames(flags, MS, 'MS_');
}
export function unshare(flags) {
    invoke('unshare', [cloneFlagNames(flags)], () => libc().unshare(flags));
}
export function setns(fd, nstype) {
    invoke('setns', [String(fd), nstype === 0 ? '0' : cloneFlagNames(nstype)], () => libc().setns(fd, nstype));
}
export function mount(source, target, fstype, flags, data) {
    invoke('mount', [quote(source), quote(target), quote(fstype), mountFlagNames(flags), quote(data)], () => libc().mount(source, target, fstype, flags, data));
}
export function umount2(target, flags) {
    invoke('umount2', [quote(target), flags === MNT_DETACH ? 'MNT_DETACH' : String(flags)], () => libc().umount2(target, flags));
}
export function sethostname(name) {
    const len = Buffer.byteLength(name);
    invoke('sethostname', [quote(name), String(len)], () => libc().sethostname(name, len));
}
/** prctl(PR_SET_PDEATHSIG): the kernel sends `signal` when the parent thread exits. Survives execve. */
export function setParentDeathSignal(signal, signalName) {
    invoke('prctl', ['PR_SET_PDEATHSIG', signalName], () => libc().prctl(PR_SET_PDEATHSIG, signal, 0, 0, 0));
}
export function getppid() {
    return libc().getppid();
}
const MSG_DONTWAIT = 0x40;
const EAGAIN = 11;
/** True when the other end of a socket has closed: recv(2) returns 0 at end of stream. */
export function peerClosed(fd) {
    const ret = Number(libc().recv(fd, Buffer.alloc(1), 1, MSG_DONTWAIT));
    if (ret === 0)
        return true;
    if (ret === -1 && lastErrno() !== EAGAIN)
        return true;
    return false;
}
export function closeFd(fd) {
    libc().close(fd);
}
/** pivot_root(2) has no glibc wrapper: syscall(SYS_pivot_root, new_root, put_old). */
export function pivotRoot(newRoot, putOld) {
    const nr = syscallNumber('pivot_root');
    invoke('pivot_root', [quote(newRoot), quote(putOld)], () => Number(libc().syscall(nr, 'str', newRoot, 'str', putOld)));
}
/** chroot(2) changes only the root directory: the working directory stays where it was. */
export function chroot(path) {
    invoke('chroot', [quote(path)], () => libc().chroot(path));
}
export function chdir(path) {
    invoke('chdir', [quote(path)], () => libc().chdir(path));
}
/** fchdir(2): into a directory held open (O_PATH works), e.g. a root opened before setns(2). */
export function fchdir(fd) {
    invoke('fchdir', [String(fd)], () => libc().fchdir(fd));
}
export function mkdir(path, mode) {
    invoke('mkdir', [quote(path), '0' + mode.toString(8)], () => libc().mkdir(path, mode));
}
export function rmdir(path) {
    invoke('rmdir', [quote(path)], () => libc().rmdir(path));
}
/**
 * Node sets FD_CLOEXEC and O_NONBLOCK on fds 0–2. Before an execve through koffi both must be
 * cleared, or the new program starts with closed or non-blocking stdio and its output vanishes.
 */
export function prepareStdioForExec() {
    for (const fd of [0, 1, 2]) {
        const fdFlags = invoke('fcntl', [String(fd), 'F_GETFD'], () => libc().fcntl(fd, F_GETFD), false);
        if (fdFlags & FD_CLOEXEC) {
            invoke('fcntl', [String(fd), 'F_SETFD', '0'], () => libc().fcntl(fd, F_SETFD, 'int', fdFlags & ~FD_CLOEXEC), false);
        }
        const flFlags = invoke('fcntl', [String(fd), 'F_GETFL'], () => libc().fcntl(fd, F_GETFL), false);
        if (flFlags & O_NONBLOCK) {
            invoke('fcntl', [String(fd), 'F_SETFL', '~O_NONBLOCK'], () => libc().fcntl(fd, F_SETFL, 'int', flFlags & ~O_NONBLOCK), false);
        }
    }
}
/** execve(2): replaces this process; returns only by throwing. */
export function execve(path, argv, env) {
    const envp = Object.entries(env).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${v}`);
    invoke('execve', [quote(path), '[' + argv.map(quote).join(', ') + ']', `${envp.length} vars`], () => libc().execve(path, [...argv, null], [...envp, null]));
    throw new Error('execve returned without an error');
}
function withInetSocket(fn) {
    const fd = invoke('socket', ['AF_INET', 'SOCK_DGRAM|SOCK_CLOEXEC', '0'], () => libc().socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0), false);
    try {
        return fn(fd);
    }
    finally {
        libc().close(fd);
    }
}
function ifreq(name) {
    if (Buffer.byteLength(name) >= IFNAMSIZ)
        throw new Error(`interface name too long: ${name}`);
    const buf = Buffer.alloc(IFREQ_SIZE);
    buf.write(name, 0, 'utf8');
    return buf;
}
/** SIOCGIFFLAGS on an interface of this thread's network namespace, netdevice(7). */
export function linkFlags(name, record = false) {
    return withInetSocket((fd) => {
        const req = ifreq(name);
        invoke('ioctl', [String(fd), 'SIOCGIFFLAGS', `{ifr_name=${quote(name)}}`], () => libc().ioctl(fd, SIOCGIFFLAGS, 'void *', req), record);
        return req.readUInt16LE(IFNAMSIZ);
    });
}
/** Brings an interface up: SIOCGIFFLAGS, set IFF_UP, SIOCSIFFLAGS. */
export function setLinkUp(name) {
    withInetSocket((fd) => {
        const req = ifreq(name);
        invoke('ioctl', [String(fd), 'SIOCGIFFLAGS', `{ifr_name=${quote(name)}}`], () => libc().ioctl(fd, SIOCGIFFLAGS, 'void *', req));
        const flags = req.readUInt16LE(IFNAMSIZ) | IFF_UP;
        req.writeUInt16LE(flags, IFNAMSIZ);
        invoke('ioctl', [String(fd), 'SIOCSIFFLAGS', `{ifr_name=${quote(name)}, ifr_flags=IFF_UP|…}`], () => libc().ioctl(fd, SIOCSIFFLAGS, 'void *', req));
    });
}
export { CLONE, MS, MNT_DETACH };
