// openat2(2) RESOLVE_IN_ROOT for real, unprivileged, on a directory tree made here: links never leave the root.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openat2Works, withOpenat2Root } from '../../../src/sys/inRoot.js';
import { openFlagNames, O } from '../../../native/openat2.js';
import { syscallLog } from '../../../native/syscallLog.js';

let dir = '';
let root = '';
let host = '';

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'container-lab-test-inroot-'));
  root = join(dir, 'root');
  host = join(dir, 'host');
  mkdirSync(join(root, 'tmp'), { recursive: true });
  mkdirSync(host);
  symlinkSync(join(host, 'abs'), join(root, 'tmp/abs'));
  symlinkSync(`../../../../../../..${host}/rel`, join(root, 'tmp/rel'));
  symlinkSync(host, join(root, 'tmp/dir'));
  symlinkSync(`/proc/self/root${host}/magic`, join(root, 'tmp/magic'));
  syscallLog.drain();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const code = (fn: () => unknown) => {
  try {
    fn();
    return 'ok';
  } catch (e) {
    return (e as NodeJS.ErrnoException).code;
  }
};

describe.skipIf(!openat2Works())('in-root calls through openat2', () => {
  it('absolute, "..", directory and /proc/self/root links resolve inside the root or fail; nothing appears on the "host"', () => {
    withOpenat2Root(root, (r) => {
      expect(code(() => r.writeFile('/tmp/abs', 'x'))).toBe('ENOENT');
      expect(code(() => r.writeFile('/tmp/rel', 'x'))).toBe('ENOENT');
      expect(code(() => r.writeFile('/tmp/dir/f', 'x'))).toBe('ENOENT');
      expect(code(() => r.writeFile('/tmp/magic', 'x'))).toMatch(/ENOENT|ELOOP/);
    });
    expect(existsSync(join(host, 'abs')) || existsSync(join(host, 'rel')) || existsSync(join(host, 'f')) || existsSync(join(host, 'magic'))).toBe(false);
    // the same name made inside the root: the absolute link now leads there
    mkdirSync(join(root, host), { recursive: true });
    withOpenat2Root(root, (r) => r.writeFile('/tmp/abs', 'inside\n', { append: true }));
    expect(readFileSync(join(root, host, 'abs'), 'utf8')).toBe('inside\n');
  });

  it('reads, lists, lstats and readlinks without following the last link; unlink, mkdir and rmdir act on the name itself', () => {
    writeFileSync(join(root, 'tmp/plain'), 'text');
    withOpenat2Root(root, (r) => {
      expect(r.readFile('tmp/plain')).toBe('text');
      expect(r.readdir('/tmp').sort()).toEqual(['abs', 'dir', 'magic', 'plain', 'rel']);
      expect(r.lstat('/tmp/dir').isSymbolicLink).toBe(true);
      expect(r.readlink('/tmp/dir')).toBe(host);
      expect(r.exists('/tmp/nothing')).toBe(false);
      r.mkdir('/tmp/d', 0o700);
      expect(r.lstat('/tmp/d').isDirectory).toBe(true);
      r.rmdir('/tmp/d');
      r.unlink('/tmp/dir');
    });
    expect(existsSync(host)).toBe(true);
    expect(existsSync(join(root, 'tmp/dir'))).toBe(false);
  });

  it('logs each change strace-style, with the root fd and the resolve flags', () => {
    withOpenat2Root(root, (r) => {
      r.writeFile('/tmp/new', 'hi', { mode: 0o644 });
      r.unlink('/tmp/new');
    });
    const lines = syscallLog.drain().map((e) => `${e.call}(${e.args.join(', ')}) = ${e.ret}`);
    expect(lines[0]).toMatch(new RegExp(`^openat2\\(\\d+<${root}>, "tmp/new", \\{flags=O_WRONLY\\|O_CREAT\\|O_TRUNC\\|O_NONBLOCK\\|O_CLOEXEC, mode=0644, resolve=RESOLVE_IN_ROOT\\|RESOLVE_NO_MAGICLINKS\\}, 24\\) = \\d+$`));
    expect(lines[1]).toMatch(/^write\(\d+, "hi", 2\) = 2$/);
    expect(lines[2]).toMatch(/^openat2\(\d+<.*>, "tmp", \{flags=O_PATH\|O_DIRECTORY\|O_CLOEXEC, resolve=RESOLVE_IN_ROOT\|RESOLVE_NO_MAGICLINKS\}, 24\) = \d+$/);
    expect(lines[3]).toMatch(new RegExp(`^unlinkat\\(\\d+<${root}/tmp>, "new", 0\\) = 0$`));
  });
});

describe('openFlagNames', () => {
  it('names O_RDONLY, which is 0, and O_PATH', () => {
    expect(openFlagNames(0)).toBe('O_RDONLY');
    expect(openFlagNames(O.CLOEXEC)).toBe('O_RDONLY|O_CLOEXEC');
    expect(openFlagNames(O.PATH | O.NOFOLLOW)).toBe('O_PATH|O_NOFOLLOW');
  });
});
