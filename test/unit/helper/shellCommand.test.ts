// The shell's command line, banner and prompt say where it is: a fresh proc only when needed, nsenter only from outside.
import { describe, expect, it } from 'vitest';
import { FRESH_PROC, GATED_SHELL, shellArgv, shellBanner, shellPrompt } from '../../../src/helper/shellCommand.js';
import type { ShellVerdict } from '../../../src/observe/shellPlace.js';

type Ok = Extract<ShellVerdict, { ok: true }>;
const forked: Ok = { ok: true, place: { pid: 200, via: 'fork' }, own: ['uts', 'pid', 'mnt'], freshProc: true };
const entered: Ok = { ok: true, place: { pid: 300, via: 'enter' }, own: ['uts', 'pid', 'mnt', 'net'], freshProc: false };

describe('shellArgv', () => {
  it('forked by the container process: a private mount namespace with a fresh proc, then the gated shell', () => {
    expect(shellArgv(forked, { forked: true })).toEqual([...FRESH_PROC, ...GATED_SHELL]);
    expect(FRESH_PROC).toEqual(['unshare', '--mount', '--propagation', 'private', '--mount-proc', '--']);
  });

  it('entering a PID 1: nsenter into its namespaces (ns/pid) and root, no fresh proc', () => {
    const argv = shellArgv(entered, { forked: true });
    expect(argv[0]).toBe('nsenter');
    expect(argv).toContain('--pid=/proc/300/ns/pid');
    expect(argv).toContain('--root=/proc/300/root');
    expect(argv).not.toContain('unshare');
    expect(argv.slice(-GATED_SHELL.length)).toEqual(GATED_SHELL);
  });

  it('when the container process\'s children are born in PID 1\'s namespace already: no --pid, so nsenter forks nothing into it', () => {
    const argv = shellArgv(entered, { forked: true, childrenInside: true });
    expect(argv.filter((a) => a.startsWith('--pid'))).toEqual([]);
    expect(argv).toContain('--mount=/proc/300/ns/mnt');
  });

  it('from a second terminal into the container process: its children\'s PID namespace', () => {
    const argv = shellArgv(forked, { forked: false, rootless: true });
    expect(argv.slice(0, 3)).toEqual(['nsenter', '--user=/proc/200/ns/user', '--preserve-credentials']);
    expect(argv).toContain('--pid=/proc/200/ns/pid_for_children');
    expect(argv).toContain('unshare');
  });
});

describe('shellBanner and shellPrompt', () => {
  it('name the namespaces, the host PID placeholder and, with a fresh proc, why', () => {
    expect(shellBanner(forked)).toEqual([
      expect.stringContaining('its own uts, pid, mnt namespaces; host PID of this shell: {pid}'),
      expect.stringContaining('fresh /proc of the container\'s PID namespace'),
    ]);
    expect(shellBanner(entered)).toHaveLength(1);
  });

  it('the prompt names the hostname only when it is the container\'s own', () => {
    expect(shellPrompt(forked, 'by-hand')).toBe('[container-lab by-hand] # ');
    expect(shellPrompt({ ...forked, own: ['pid', 'mnt'] }, 'myhost')).not.toContain('myhost');
  });
});
