// Unit tests for the strace-style formatting of syscall-log entries.
import { describe, expect, it } from 'vitest';
import { formatResult, formatSyscall, syscallFailed } from '../../../src/format/syscall.js';
import type { SyscallEntry } from '../../../src/types.js';

const ok: SyscallEntry = { t: 1, call: 'unshare', args: ['CLONE_NEWUTS|CLONE_NEWPID'], ret: '0', pid: 48190, ms: 0.412 };
const eperm: SyscallEntry = {
  t: 2,
  call: 'mount',
  args: ['"tmpfs"', '"/run/container-lab/s-1a2b/scratch"', '"tmpfs"', '0', '"size=4m"'],
  ret: '-1',
  errno: 'EPERM',
  message: 'Operation not permitted',
};

describe('formatSyscall', () => {
  it('prints a successful call like strace', () => {
    expect(formatSyscall(ok)).toBe('unshare(CLONE_NEWUTS|CLONE_NEWPID) = 0');
  });

  it('prints a failure with errno and strerror text', () => {
    expect(formatSyscall(eperm)).toBe(
      'mount("tmpfs", "/run/container-lab/s-1a2b/scratch", "tmpfs", 0, "size=4m") = -1 EPERM (Operation not permitted)',
    );
    expect(syscallFailed(eperm)).toBe(true);
    expect(syscallFailed(ok)).toBe(false);
  });

  it('prints a returned PID and a call without arguments', () => {
    expect(formatSyscall({ t: 3, call: 'fork', args: [], ret: '48213' })).toBe('fork() = 48213');
  });

  it('adds -f style pid and -T style timing when asked', () => {
    expect(formatSyscall(ok, { pid: true, timing: true })).toBe(
      '[pid 48190] unshare(CLONE_NEWUTS|CLONE_NEWPID) = 0 <0.000412>',
    );
    // no pid or ms recorded: nothing added
    expect(formatSyscall(eperm, { pid: true, timing: true })).toBe(formatSyscall(eperm));
  });

  it('treats an errno without message, and a negative return, as failures', () => {
    expect(formatResult({ t: 0, call: 'x', args: [], ret: '-1', errno: 'EINVAL' })).toBe('= -1 EINVAL');
    expect(syscallFailed({ t: 0, call: 'x', args: [], ret: '-1' })).toBe(true);
  });

  it('fits a width by eliding the middle of long arguments, keeping the result visible', () => {
    const line = formatSyscall(eperm, { width: 100 });
    expect([...line].length).toBeLessThanOrEqual(100);
    expect(line).toContain('= -1 EPERM');
    expect(line).toMatch(/"\/run\/cont.*….*scratch"/);
  });

  it('drops the strerror text before cutting arguments to nothing', () => {
    const line = formatSyscall(eperm, { width: 76 });
    expect([...line].length).toBeLessThanOrEqual(76);
    expect(line.endsWith('= -1 EPERM')).toBe(true);
    expect(line).toContain('"tmpfs"');
  });

  it('leaves a line alone when it fits', () => {
    expect(formatSyscall(ok, { width: 200 })).toBe('unshare(CLONE_NEWUTS|CLONE_NEWPID) = 0');
  });
});
