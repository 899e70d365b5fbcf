// A container path split for the in-root calls; /proc/<pid>/root names the process whose mount namespace the fallback enters.
import { describe, expect, it } from 'vitest';
import { nsPidOf, relInRoot, splitInRoot } from '../../../src/sys/inRootPath.js';

describe('splitInRoot', () => {
  it('gives the parent (relative to the root) and the last name', () => {
    expect(splitInRoot('/tmp/stop')).toEqual({ parent: 'tmp', name: 'stop', rel: 'tmp/stop' });
    expect(splitInRoot('new.txt')).toEqual({ parent: '.', name: 'new.txt', rel: 'new.txt' });
    expect(splitInRoot('//a//b/')).toEqual({ parent: 'a', name: 'b', rel: 'a/b' });
  });

  it('refuses the root itself, a last name of . or .., and NUL bytes', () => {
    for (const bad of ['/', '', '/tmp/..', '/tmp/.', 'a\0b']) expect(() => splitInRoot(bad), bad).toThrow(/does not name a file inside the container's root/);
  });
});

describe('relInRoot and nsPidOf', () => {
  it('a path relative to the root, "." for the root', () => {
    expect(relInRoot('/')).toBe('.');
    expect(relInRoot('/data/a.txt')).toBe('data/a.txt');
  });

  it('only /proc/<pid>/root itself names a process', () => {
    expect(nsPidOf('/proc/123/root')).toBe(123);
    expect(nsPidOf('/proc/123/root/')).toBe(123);
    expect(nsPidOf('/proc/123/root/run/x/merged')).toBeNull();
    expect(nsPidOf('/run/container-lab/session-x/volume')).toBeNull();
  });
});
