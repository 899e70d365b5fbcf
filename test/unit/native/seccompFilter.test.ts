// The seccomp program the lab builds: instructions, jump offsets and bytes, per architecture; run through a small BPF interpreter.
import { describe, expect, it } from 'vitest';
import { denyFilter, encodeFilter, showInsn, SECCOMP_RET_ALLOW, SECCOMP_RET_ERRNO, SECCOMP_RET_KILL_PROCESS, type BpfInsn } from '../../../native/seccompFilter.js';

/** What the kernel's classic-BPF run of the program returns for one struct seccomp_data { nr, arch }. */
function runFilter(program: BpfInsn[], nr: number, arch: number): number {
  let acc = 0;
  for (let pc = 0; pc < program.length; pc++) {
    const { code, jt, jf, k } = program[pc];
    if (code === 0x20) acc = k === 0 ? nr : k === 4 ? arch : NaN;
    else if (code === 0x15) pc += acc === k ? jt : jf;
    else if (code === 0x35) pc += acc >>> 0 >= k >>> 0 ? jt : jf;
    else if (code === 0x06) return k >>> 0;
    else throw new Error(`unknown code ${code}`);
  }
  throw new Error('fell off the end');
}

const X64 = 0xc000003e;
const ARM64 = 0xc00000b7;
const EPERM = (SECCOMP_RET_ERRNO | 1) >>> 0;

describe('denyFilter', () => {
  it('x64: arch check, x32 refused, EPERM for mkdir and mkdirat, ALLOW for the rest', () => {
    const p = denyFilter(['mkdir', 'mkdirat'], 'x64');
    expect(p.map(showInsn)).toEqual([
      'ld  [arch]', 'jeq 0xc000003e, +0, +6', 'ld  [nr]', 'jge 0x40000000, +4, +0', 'jeq 0x53, +2, +0', 'jeq 0x102, +1, +0',
      'ret ALLOW', 'ret ERRNO(1)', 'ret KILL_PROCESS',
    ]);
    expect(runFilter(p, 83, X64)).toBe(EPERM);
    expect(runFilter(p, 258, X64)).toBe(EPERM);
    expect(runFilter(p, 2, X64)).toBe(SECCOMP_RET_ALLOW); // open
    expect(runFilter(p, 0x40000000 + 83, X64)).toBe(SECCOMP_RET_KILL_PROCESS); // x32 mkdir
    expect(runFilter(p, 39, 0x40000003)).toBe(SECCOMP_RET_KILL_PROCESS); // i386
  });

  it('arm64: no x32 check; its own numbers', () => {
    const p = denyFilter(['mkdirat', 'sethostname'], 'arm64');
    expect(p.map(showInsn)[1]).toBe('jeq 0xc00000b7, +0, +5');
    expect(runFilter(p, 34, ARM64)).toBe(EPERM);
    expect(runFilter(p, 161, ARM64)).toBe(EPERM);
    expect(runFilter(p, 56, ARM64)).toBe(SECCOMP_RET_ALLOW); // openat
    expect(runFilter(p, 34, X64)).toBe(SECCOMP_RET_KILL_PROCESS);
  });

  it('refuses a name the architecture has no syscall for, and another architecture', () => {
    expect(() => denyFilter(['mkdir'], 'arm64')).toThrow(/mkdir is not a syscall of arm64 this filter knows/);
    expect(() => denyFilter(['mkdir'], 'ia32')).toThrow(/x64 and arm64 only, not ia32/);
  });
});

describe('encodeFilter', () => {
  it('writes struct sock_filter: u16 code, u8 jt, u8 jf, u32 k, little-endian', () => {
    const buf = encodeFilter([{ code: 0x15, jt: 2, jf: 1, k: 0xc000003e }, { code: 0x06, jt: 0, jf: 0, k: SECCOMP_RET_KILL_PROCESS }]);
    expect(buf.toString('hex')).toBe('150002013e0000c0' + '0600000000000080');
  });
});
