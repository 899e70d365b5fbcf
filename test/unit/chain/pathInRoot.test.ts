// Paths resolved inside a root directory: absolute symlinks stay in it, as a chrooted process sees them.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveInRoot as resolve } from '../../../src/chain/pathInRoot.js';
import { realSys } from '../../../src/sys/real.js';

const resolveInRoot = (root: string, path: string) => resolve(root, path, realSys);

const root = mkdtempSync(join(tmpdir(), 'container-lab-pathinroot-'));
mkdirSync(join(root, 'bin'));
mkdirSync(join(root, 'usr/bin'), { recursive: true });
writeFileSync(join(root, 'bin/busybox'), '');
mkdirSync(join(root, 'etc'));
writeFileSync(join(root, 'etc/passwd'), '');
symlinkSync('/bin/busybox', join(root, 'bin/sleep'));
symlinkSync('../../bin/busybox', join(root, 'usr/bin/env'));
symlinkSync('/usr/bin', join(root, 'ubin'));
symlinkSync('/loop', join(root, 'loop'));
symlinkSync('/../../../../etc/passwd', join(root, 'escape'));

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('resolveInRoot', () => {
  it('follows an absolute symlink inside the root, not on the host', () => {
    expect(resolveInRoot(root, '/bin/sleep')).toBe(join(root, 'bin/busybox'));
  });

  it('follows relative links and links in the middle of a path', () => {
    expect(resolveInRoot(root, '/usr/bin/env')).toBe(join(root, 'bin/busybox'));
    expect(resolveInRoot(root, '/ubin/env')).toBe(join(root, 'bin/busybox'));
  });

  it('stops .. at the root', () => {
    expect(resolveInRoot(root, '/escape')).toBe(join(root, 'etc/passwd'));
    expect(resolveInRoot(root, '/../../bin/busybox')).toBe(join(root, 'bin/busybox'));
  });

  it('is null for a missing name or a loop', () => {
    expect(resolveInRoot(root, '/bin/nothing')).toBeNull();
    expect(resolveInRoot(root, '/loop')).toBeNull();
  });
});
