// A program that did not start: execve(2)'s own errno in the log and a hint that fits it (EACCES is not "missing").
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { execErrno, execHint } from '../../../native/execFailure.js';

describe('execErrno', () => {
  it('takes the errno name spawn reports, whatever it is', () => {
    expect(execErrno(Object.assign(new Error('spawnSync ls EACCES'), { code: 'EACCES' }))).toBe('EACCES');
    expect(execErrno(Object.assign(new Error('spawnSync ls ENOENT'), { code: 'ENOENT' }))).toBe('ENOENT');
    expect(execErrno(Object.assign(new Error('x'), { code: 'ENOEXEC' }))).toBe('ENOEXEC');
  });

  it('is no errno for an error without one (a timeout, a bad argument)', () => {
    expect(execErrno(new Error('spawnSync ls ETIMEDOUT but no code'))).toBe('EIO');
    expect(execErrno(Object.assign(new Error('x'), { code: 'ERR_INVALID_ARG_TYPE' }))).toBe('EIO');
    expect(execErrno(null)).toBe('EIO');
  });

  describe('from real spawns (the errno Node hands over is the child\'s execve errno)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'container-lab-test-exec-'));
    const run = (path: string) => execErrno(spawnSync(path, [], { encoding: 'utf8' }).error);
    it('ENOENT for no such file; EACCES for a file without x; ENOENT for a missing #! interpreter', () => {
      try {
        expect(run(join(dir, 'nothing'))).toBe('ENOENT');
        writeFileSync(join(dir, 'noexec'), '#!/bin/sh\ntrue\n');
        chmodSync(join(dir, 'noexec'), 0o644);
        // root passes the mode check only when some x bit is set: a file with none fails for root too
        expect(run(join(dir, 'noexec'))).toBe('EACCES');
        writeFileSync(join(dir, 'badinterp'), '#!/container-lab-no-such-interpreter\n');
        chmodSync(join(dir, 'badinterp'), 0o755);
        expect(run(join(dir, 'badinterp'))).toBe('ENOENT');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});

describe('execHint', () => {
  it('EACCES points at execute permission and a noexec mount, never at a missing program', () => {
    const hint = execHint('EACCES', 'ls', 'root');
    expect(hint).toContain('noexec');
    expect(hint).toContain('bind mount keeps its source mount');
    expect(hint).not.toMatch(/not inside|must exist/);
  });

  it('ENOENT in a changed root names the program and its interpreter or loader', () => {
    const hint = execHint('ENOENT', 'ls', 'root');
    expect(hint).toContain('ls is not inside this root');
    expect(hint).toMatch(/#! line.*ELF loader/);
  });

  it('ENOENT on the host says to install it', () => {
    expect(execHint('ENOENT', 'nsenter', 'host')).toContain('nsenter is not installed on this host');
  });

  it('ENOEXEC and any other errno are named as they are', () => {
    expect(execHint('ENOEXEC', 'prog', 'root')).toContain('format this kernel cannot run');
    expect(execHint('E2BIG', 'prog', 'root')).toBe('execve(2) said E2BIG: see execve(2), ERRORS');
  });
});
