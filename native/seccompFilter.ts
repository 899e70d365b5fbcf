// A classic-BPF seccomp program (seccomp(2), SECCOMP_SET_MODE_FILTER): right architecture, then EPERM for the named syscalls, every other call allowed.
import { arch } from 'node:process';

/** <linux/audit.h>: the architecture seccomp_data.arch holds for the native ABI. */
export const AUDIT_ARCH: Record<string, number> = { x64: 0xc000003e, arm64: 0xc00000b7 };

/** Syscall numbers of the calls a filter may refuse (arm64 has no mkdir(2) or chmod(2), only their *at forms). */
export const FILTER_SYSCALLS: Record<string, Record<string, number>> = {
  x64: { mkdir: 83, mkdirat: 258, sethostname: 170, chmod: 90, fchmodat: 268, unshare: 272 },
  arm64: { mkdirat: 34, sethostname: 161, fchmodat: 53, unshare: 97 },
};

/** <linux/filter.h> and <linux/seccomp.h> */
const BPF_LD_W_ABS = 0x20;
const BPF_JEQ_K = 0x15;
const BPF_JGE_K = 0x35;
const BPF_RET_K = 0x06;
export const SECCOMP_RET_KILL_PROCESS = 0x80000000;
export const SECCOMP_RET_ERRNO = 0x00050000;
export const SECCOMP_RET_ALLOW = 0x7fff0000;
const EPERM = 1;
/** x86-64: syscalls of the x32 ABI carry this bit (<asm/unistd.h> __X32_SYSCALL_BIT); the filter kills them all. */
const X32_SYSCALL_BIT = 0x40000000;
/** struct seccomp_data: int nr at 0, __u32 arch at 4. */
const OFFSET_NR = 0;
const OFFSET_ARCH = 4;

export interface BpfInsn {
  code: number;
  jt: number;
  jf: number;
  k: number;
}

/** One instruction as the seccomp(2) man page writes it with BPF_STMT/BPF_JUMP. */
export function showInsn({ code, jt, jf, k }: BpfInsn): string {
  const hex = '0x' + k.toString(16);
  if (code === BPF_LD_W_ABS) return `ld  [${k === OFFSET_ARCH ? 'arch' : k === OFFSET_NR ? 'nr' : k}]`;
  if (code === BPF_JEQ_K) return `jeq ${hex}, +${jt}, +${jf}`;
  if (code === BPF_JGE_K) return `jge ${hex}, +${jt}, +${jf}`;
  if (code === BPF_RET_K) {
    if (k === SECCOMP_RET_ALLOW) return 'ret ALLOW';
    if (k === SECCOMP_RET_KILL_PROCESS) return 'ret KILL_PROCESS';
    if ((k & 0xffff0000) >>> 0 === SECCOMP_RET_ERRNO) return `ret ERRNO(${k & 0xffff})`;
  }
  return `code ${code} jt ${jt} jf ${jf} k ${hex}`;
}

/**
 * The program: load the architecture, kill on any other; (x86-64: kill x32 calls); load the
 * syscall number; for each refused number return ERRNO(EPERM); otherwise ALLOW.
 */
export function denyFilter(names: string[], forArch: string = arch): BpfInsn[] {
  const auditArch = AUDIT_ARCH[forArch];
  const table = FILTER_SYSCALLS[forArch];
  if (auditArch === undefined || !table) throw new Error(`container-lab builds seccomp filters for x64 and arm64 only, not ${forArch}`);
  const numbers = names.map((n) => {
    const nr = table[n];
    if (nr === undefined) throw new Error(`${n} is not a syscall of ${forArch} this filter knows (${Object.keys(table).join(', ')})`);
    return nr;
  });
  const x32 = forArch === 'x64';
  const insns: BpfInsn[] = [];
  // the index of the final three instructions: ALLOW, ERRNO, KILL
  const body = 3 + (x32 ? 1 : 0) + numbers.length;
  const allow = body;
  const errno = body + 1;
  const kill = body + 2;
  const jump = (code: number, k: number, at: number, yes: number, no: number): BpfInsn => ({ code, k, jt: yes - at - 1, jf: no - at - 1 });
  insns.push({ code: BPF_LD_W_ABS, jt: 0, jf: 0, k: OFFSET_ARCH });
  insns.push(jump(BPF_JEQ_K, auditArch, 1, 2, kill));
  insns.push({ code: BPF_LD_W_ABS, jt: 0, jf: 0, k: OFFSET_NR });
  if (x32) insns.push(jump(BPF_JGE_K, X32_SYSCALL_BIT, insns.length, kill, insns.length + 1));
  for (const nr of numbers) insns.push(jump(BPF_JEQ_K, nr, insns.length, errno, insns.length + 1));
  insns.push({ code: BPF_RET_K, jt: 0, jf: 0, k: SECCOMP_RET_ALLOW });
  insns.push({ code: BPF_RET_K, jt: 0, jf: 0, k: (SECCOMP_RET_ERRNO | EPERM) >>> 0 });
  insns.push({ code: BPF_RET_K, jt: 0, jf: 0, k: SECCOMP_RET_KILL_PROCESS });
  if (insns.length !== kill + 1 || allow !== insns.length - 3) throw new Error('seccomp filter: jump targets out of place');
  return insns;
}

/** struct sock_filter[]: u16 code, u8 jt, u8 jf, u32 k, little-endian on x64 and arm64. */
export function encodeFilter(insns: BpfInsn[]): Buffer {
  const buf = Buffer.alloc(insns.length * 8);
  insns.forEach(({ code, jt, jf, k }, i) => {
    buf.writeUInt16LE(code, i * 8);
    buf.writeUInt8(jt, i * 8 + 2);
    buf.writeUInt8(jf, i * 8 + 3);
    buf.writeUInt32LE(k >>> 0, i * 8 + 4);
  });
  return buf;
}
