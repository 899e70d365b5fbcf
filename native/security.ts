// What a process may do, narrowed by the process itself: the bounding set, capset(2), no_new_privs and a seccomp filter; each call logged.
import { createRequire } from 'node:module';
import type * as Koffi from 'koffi';
import { libc } from './libc.js';
import { invoke } from './kernel.js';
import { PR_CAPBSET_DROP, PR_SET_NO_NEW_PRIVS, syscallNumber } from './constants.js';
import { CAPABILITY_NAMES } from './capabilities.js';

/** capset(2): _LINUX_CAPABILITY_VERSION_3, two 32-bit words per set. */
const CAPABILITY_VERSION_3 = 0x20080522;
const SECCOMP_SET_MODE_FILTER = 1;

function capName(n: number): string {
  return CAPABILITY_NAMES[n] ?? String(n);
}

/** prctl(PR_CAPBSET_DROP, cap): the capability can never come back to this thread or what it execs. Needs CAP_SETPCAP. */
export function dropFromBoundingSet(cap: number): void {
  invoke('prctl', ['PR_CAPBSET_DROP', capName(cap)], () => libc().prctl(PR_CAPBSET_DROP, cap, 0, 0, 0));
}

function shownSet(mask: bigint): string {
  const names: string[] = [];
  for (let n = 0; n < 64; n++) if (mask & (1n << BigInt(n))) names.push(capName(n).slice(4).toLowerCase());
  return names.length ? names.join('|') : '0';
}

/**
 * capset(2) for the calling thread: struct __user_cap_header_struct { u32 version; int pid; },
 * then struct __user_cap_data_struct { u32 effective, permitted, inheritable; }[2], bits 0-31 and 32-63.
 */
export function capset(effective: bigint, permitted: bigint, inheritable: bigint): void {
  const header = Buffer.alloc(8);
  header.writeUInt32LE(CAPABILITY_VERSION_3, 0);
  header.writeInt32LE(0, 4);
  const data = Buffer.alloc(24);
  [effective, permitted, inheritable].forEach((set, i) => {
    data.writeUInt32LE(Number(set & 0xffffffffn), i * 4);
    data.writeUInt32LE(Number((set >> 32n) & 0xffffffffn), 12 + i * 4);
  });
  const nr = syscallNumber('capset');
  invoke('capset', ['{_LINUX_CAPABILITY_VERSION_3, 0}', `{effective=${shownSet(effective)}, permitted=${shownSet(permitted)}, inheritable=${shownSet(inheritable)}}`],
    () => Number(libc().syscall(nr, 'void *', header, 'void *', data)));
}

/** prctl(PR_SET_NO_NEW_PRIVS, 1): execve(2) can no longer grant privileges (set-user-ID, file capabilities); kept across fork and execve, never unset. */
export function setNoNewPrivs(): void {
  invoke('prctl', ['PR_SET_NO_NEW_PRIVS', '1'], () => libc().prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));
}

let fprogPointer: Koffi.TypeObject | null = null;

/** struct sock_fprog * — struct sock_fprog { unsigned short len; struct sock_filter *filter; } */
function sockFprogPointer(): Koffi.TypeObject {
  const koffi = createRequire(import.meta.url)('koffi') as typeof Koffi;
  fprogPointer ??= koffi.pointer(koffi.struct('container_lab_sock_fprog', { len: 'uint16_t', filter: 'void *' }));
  return fprogPointer;
}

/**
 * seccomp(SECCOMP_SET_MODE_FILTER, 0, &prog): the calling thread (and what it forks and execs)
 * runs every syscall through the program from now on. Without no_new_privs it needs CAP_SYS_ADMIN.
 */
export function loadSeccompFilter(program: Buffer, shown: string): void {
  const nr = syscallNumber('seccomp');
  const len = program.length / 8;
  invoke('seccomp', ['SECCOMP_SET_MODE_FILTER', '0', `{len=${len}, filter=${shown}}`],
    () => Number(libc().syscall(nr, 'unsigned int', SECCOMP_SET_MODE_FILTER, 'unsigned int', 0, sockFprogPointer(), { len, filter: program })));
}
