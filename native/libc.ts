// The one koffi binding table: every libc function the lab calls, bound on first use.
// koffi (a native addon) loads only when a kernel call is first made: the app's start does not pay for it.
import { createRequire } from 'node:module';
import type * as Koffi from 'koffi';

type KoffiModule = typeof Koffi;
let koffiModule: KoffiModule | null = null;

function koffi(): KoffiModule {
  koffiModule ??= createRequire(import.meta.url)('koffi') as KoffiModule;
  return koffiModule;
}

/** The C library, by the names glibc and musl give it. */
function loadLibc(): Koffi.LibraryHandle {
  const names = ['libc.so.6', 'libc.musl-x86_64.so.1', 'libc.musl-aarch64.so.1', 'libc.so'];
  for (const name of names) {
    try {
      return koffi().load(name);
    } catch {
      // try the next name
    }
  }
  throw new Error('container-lab could not load the C library (tried ' + names.join(', ') + ')');
}

function bind(lib: Koffi.LibraryHandle) {
  return {
    // namespaces, mounts, roots: unshare(2), setns(2), mount(2), umount(2), pivot_root(2) via syscall(2), chroot(2)
    unshare: lib.func('int unshare(int flags)'),
    setns: lib.func('int setns(int fd, int nstype)'),
    mount: lib.func('int mount(const char *source, const char *target, const char *fstype, unsigned long flags, const char *data)'),
    umount2: lib.func('int umount2(const char *target, int flags)'),
    sethostname: lib.func('int sethostname(const char *name, size_t len)'),
    syscall: lib.func('long syscall(long number, ...)'),
    chroot: lib.func('int chroot(const char *path)'),
    chdir: lib.func('int chdir(const char *path)'),
    mkdir: lib.func('int mkdir(const char *path, unsigned int mode)'),
    rmdir: lib.func('int rmdir(const char *path)'),
    fchdir: lib.func('int fchdir(int fd)'),
    // paths resolved relative to a directory fd: openat(2), openat2(2) via syscall(2), *at(2)
    openat: lib.func('int openat(int dirfd, const char *path, int flags, ...)'),
    unlinkat: lib.func('int unlinkat(int dirfd, const char *path, int flags)'),
    mkdirat: lib.func('int mkdirat(int dirfd, const char *path, unsigned int mode)'),
    readlinkat: lib.func('long readlinkat(int dirfd, const char *path, _Out_ uint8_t *buf, size_t size)'),
    getdents64: lib.func('long getdents64(int fd, _Out_ uint8_t *buf, size_t size)'),
    // processes: prctl(2), execve(2), getppid(2), sched_setscheduler(2)
    prctl: lib.func('int prctl(int option, unsigned long a2, unsigned long a3, unsigned long a4, unsigned long a5)'),
    execve: lib.func('int execve(const char *path, const char **argv, const char **envp)'),
    getppid: lib.func('int getppid()'),
    sched_setscheduler: lib.func('int sched_setscheduler(int pid, int policy, const void *param)'),
    // files Node lacks: mknod(2) for whiteouts, l{get,set}xattr(2) for opaque directories; fcntl(2)
    fcntl: lib.func('int fcntl(int fd, int cmd, ...)'),
    mknod: lib.func('int mknod(const char *path, unsigned int mode, uint64_t dev)'),
    lgetxattr: lib.func('long lgetxattr(const char *path, const char *name, _Out_ uint8_t *value, size_t size)'),
    lsetxattr: lib.func('int lsetxattr(const char *path, const char *name, const uint8_t *value, size_t size, int flags)'),
    // sockets: interface flags (netdevice(7) ioctls), the proc connector (netlink(7)), ICMP echo (raw(7))
    ioctl: lib.func('int ioctl(int fd, unsigned long request, ...)'),
    socket: lib.func('int socket(int domain, int type, int protocol)'),
    bind: lib.func('int bind(int fd, const void *addr, uint32_t addrlen)'),
    getsockname: lib.func('int getsockname(int fd, void *addr, _Inout_ uint32_t *addrlen)'),
    setsockopt: lib.func('int setsockopt(int fd, int level, int name, const void *value, uint32_t len)'),
    getsockopt: lib.func('int getsockopt(int fd, int level, int name, void *value, _Inout_ uint32_t *len)'),
    send: lib.func('long send(int fd, const void *buf, size_t len, int flags)'),
    sendto: lib.func('long sendto(int fd, const void *buf, size_t len, int flags, const void *addr, uint32_t addrlen)'),
    recv: lib.func('long recv(int fd, void *buf, size_t len, int flags)'),
    poll: lib.func('int poll(void *fds, unsigned long nfds, int timeout)'),
    close: lib.func('int close(int fd)'),
  };
}

let cached: ReturnType<typeof bind> | null = null;

export function libc(): ReturnType<typeof bind> {
  cached ??= bind(loadLibc());
  return cached;
}

/** errno of the last failed call on this thread. Read it right after a -1 return. */
export function lastErrno(): number {
  return koffi().errno();
}
