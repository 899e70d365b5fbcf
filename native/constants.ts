// Kernel constants the lab uses, per architecture where they differ (x64 and arm64).
import { arch } from 'node:process';

/** clone(2)/unshare(2) flags, from <linux/sched.h> (same on every Linux architecture). */
export const CLONE = {
  NEWNS: 0x00020000,
  NEWCGROUP: 0x02000000,
  NEWUTS: 0x04000000,
  NEWIPC: 0x08000000,
  NEWUSER: 0x10000000,
  NEWPID: 0x20000000,
  NEWNET: 0x40000000,
  FS: 0x00000200,
} as const;

/** The unshare flag of each namespace as it is named in /proc/<pid>/ns. */
export const NS_FLAG: Record<string, number> = {
  mnt: CLONE.NEWNS,
  cgroup: CLONE.NEWCGROUP,
  uts: CLONE.NEWUTS,
  ipc: CLONE.NEWIPC,
  user: CLONE.NEWUSER,
  pid: CLONE.NEWPID,
  net: CLONE.NEWNET,
};

/** mount(2) flags, from <linux/mount.h>. */
export const MS = {
  RDONLY: 1,
  NOSUID: 2,
  NODEV: 4,
  NOEXEC: 8,
  REMOUNT: 32,
  BIND: 4096,
  MOVE: 8192,
  REC: 16384,
  PRIVATE: 1 << 18,
  SLAVE: 1 << 19,
  SHARED: 1 << 20,
} as const;

export const MNT_DETACH = 2;
export const PR_SET_PDEATHSIG = 1;
/** prctl(2) options, <linux/prctl.h>. */
export const PR_CAPBSET_DROP = 24;
export const PR_SET_NO_NEW_PRIVS = 38;
export const SIGKILL = 9;

/** fcntl(2) commands and flags (asm-generic values, used by x64 and arm64). */
export const F_GETFD = 1;
export const F_SETFD = 2;
export const F_GETFL = 3;
export const F_SETFL = 4;
export const FD_CLOEXEC = 1;
export const O_NONBLOCK = 0o4000;

/** Network interface flags ioctls, netdevice(7). */
export const SIOCGIFFLAGS = 0x8913;
export const SIOCSIFFLAGS = 0x8914;
export const IFF_UP = 0x1;
export const AF_INET = 2;
export const SOCK_DGRAM = 2;
export const SOCK_CLOEXEC = 0o2000000;
/** struct ifreq: 16 bytes of name, then a 24-byte union whose first short is ifr_flags. */
export const IFREQ_SIZE = 40;
export const IFNAMSIZ = 16;

/**
 * Syscall numbers that have no glibc wrapper (or whose wrapper is not meant for programs: capset(2)
 * says to use libcap). pivot_root(2): x64 155, arm64 41. openat2(2) came after the numbers were
 * unified across architectures: 437 on both (glibc 2.36 has no wrapper). capset(2): x64 126,
 * arm64 91. seccomp(2): x64 317, arm64 277.
 */
type WrapperlessCall = 'pivot_root' | 'openat2' | 'capset' | 'seccomp';
const SYSCALLS: Record<string, Record<WrapperlessCall, number>> = {
  x64: { pivot_root: 155, openat2: 437, capset: 126, seccomp: 317 },
  arm64: { pivot_root: 41, openat2: 437, capset: 91, seccomp: 277 },
};

export function syscallNumber(name: WrapperlessCall, forArch: string = arch): number {
  const table = SYSCALLS[forArch];
  if (!table) throw new Error(`container-lab knows no syscall numbers for the ${forArch} architecture (x64 and arm64 are supported)`);
  return table[name];
}

/** Renders a flag word as strace does: CLONE_NEWUTS|CLONE_NEWPID. */
export function flagNames(value: number, table: Record<string, number>, prefix: string): string {
  const names: string[] = [];
  let rest = value;
  for (const [name, bit] of Object.entries(table)) {
    if (bit !== 0 && (rest & bit) === bit) {
      names.push(prefix + name);
      rest &= ~bit;
    }
  }
  if (rest !== 0 || names.length === 0) names.push('0x' + rest.toString(16));
  return names.join('|');
}
