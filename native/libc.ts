// koffi bindings to the libc functions the lab calls; loaded on first use.
import koffi from 'koffi';

/** The C library, by the names glibc and musl give it. */
export function loadLibc(): koffi.IKoffiLib {
  const names = ['libc.so.6', 'libc.musl-x86_64.so.1', 'libc.musl-aarch64.so.1', 'libc.so'];
  for (const name of names) {
    try {
      return koffi.load(name);
    } catch {
      // try the next name
    }
  }
  throw new Error('container-lab could not load the C library (tried ' + names.join(', ') + ')');
}

function bind(lib: koffi.IKoffiLib) {
  return {
    unshare: lib.func('int unshare(int flags)'),
    setns: lib.func('int setns(int fd, int nstype)'),
    mount: lib.func('int mount(const char *source, const char *target, const char *fstype, unsigned long flags, const char *data)'),
    umount2: lib.func('int umount2(const char *target, int flags)'),
    sethostname: lib.func('int sethostname(const char *name, size_t len)'),
    prctl: lib.func('int prctl(int option, unsigned long a2, unsigned long a3, unsigned long a4, unsigned long a5)'),
    fcntl: lib.func('int fcntl(int fd, int cmd, ...)'),
    execve: lib.func('int execve(const char *path, const char **argv, const char **envp)'),
    syscall: lib.func('long syscall(long number, ...)'),
    ioctl: lib.func('int ioctl(int fd, unsigned long request, ...)'),
    socket: lib.func('int socket(int domain, int type, int protocol)'),
    close: lib.func('int close(int fd)'),
    getppid: lib.func('int getppid()'),
    recv: lib.func('long recv(int fd, void *buf, size_t len, int flags)'),
    chroot: lib.func('int chroot(const char *path)'),
    chdir: lib.func('int chdir(const char *path)'),
    mkdir: lib.func('int mkdir(const char *path, unsigned int mode)'),
    rmdir: lib.func('int rmdir(const char *path)'),
  };
}

let cached: ReturnType<typeof bind> | null = null;

export function libc(): ReturnType<typeof bind> {
  cached ??= bind(loadLibc());
  return cached;
}

/** errno of the last failed call on this thread. Read it right after a -1 return. */
export function lastErrno(): number {
  return koffi.errno();
}
