// The layer tar writer and reader: round trips, long names, order, reproducibility; node-tar reads what we write.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as tar from 'tar';
import { compareTarPaths, normalizeTarPath, readTar, writeTar, type TarEntry } from '../../../src/image/tarLayer.js';

const longDir = 'a'.repeat(90) + '/' + 'b'.repeat(90);
const veryLong = Array.from({ length: 5 }, (_, i) => String(i).repeat(80)).join('/');
const entries: TarEntry[] = [
  { path: 'etc/passwd', type: 'file', mode: 0o644, data: Buffer.from('root:x:0:0::/root:/bin/sh\n') },
  { path: 'bin/sh', type: 'symlink', mode: 0o777, linkname: '/bin/busybox' },
  { path: 'tmp', type: 'dir', mode: 0o1777 },
  { path: 'etc', type: 'dir', mode: 0o755 },
  { path: 'bin', type: 'dir', mode: 0o755 },
  { path: 'bin/busybox', type: 'file', mode: 0o755, data: Buffer.alloc(1000, 7) },
  { path: 'bin/ash', type: 'hardlink', mode: 0o755, linkname: 'bin/busybox' },
  { path: `${longDir}/file`, type: 'file', mode: 0o600, data: Buffer.from('deep') },
  { path: veryLong, type: 'file', mode: 0o644, data: Buffer.from('very deep') },
  { path: 'link', type: 'symlink', mode: 0o777, linkname: 'x'.repeat(150) },
  { path: 'etc/.wh.issue', type: 'file', mode: 0o600 },
];

function nodeTarList(archive: Buffer): Array<{ path: string; type: string; size: number; linkpath: string; mtime: number; uid: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'cl-tar-test-'));
  try {
    const file = join(dir, 'layer.tar.gz');
    writeFileSync(file, gzipSync(archive));
    const out: Array<{ path: string; type: string; size: number; linkpath: string; mtime: number; uid: number }> = [];
    tar.t({ file, sync: true, strict: true, onReadEntry: (e) => out.push({ path: e.path, type: e.type, size: e.size ?? 0, linkpath: e.linkpath ?? '', mtime: e.mtime?.getTime() ?? -1, uid: e.uid ?? -1 }) });
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('tar layers', () => {
  it('reads back what it wrote, sorted parents-first', () => {
    const back = readTar(writeTar(entries));
    expect(back.map((e) => e.path)).toEqual([...entries.map((e) => e.path)].sort(compareTarPaths));
    const byPath = new Map(back.map((e) => [e.path, e]));
    expect(byPath.get('tmp')).toMatchObject({ type: 'dir', mode: 0o1777, uid: 0, gid: 0, mtime: 0 });
    expect(byPath.get('bin/busybox')!.data!.equals(Buffer.alloc(1000, 7))).toBe(true);
    expect(byPath.get('bin/ash')).toMatchObject({ type: 'hardlink', linkname: 'bin/busybox' });
    expect(byPath.get(veryLong)!.data!.toString()).toBe('very deep');
    expect(byPath.get('link')!.linkname).toBe('x'.repeat(150));
    expect(byPath.get('etc/.wh.issue')!.data!.length).toBe(0);
    const order = back.map((e) => e.path);
    expect(order.indexOf('etc')).toBeLessThan(order.indexOf('etc/passwd'));
  });

  it('writes archives another implementation (node-tar, strict) reads the same way', () => {
    const listed = nodeTarList(writeTar(entries));
    const byPath = new Map(listed.map((e) => [e.path.replace(/\/$/, ''), e]));
    expect(byPath.get('tmp')?.type).toBe('Directory');
    expect(byPath.get('bin/busybox')).toMatchObject({ type: 'File', size: 1000, mtime: 0, uid: 0 });
    expect(byPath.get('bin/sh')).toMatchObject({ type: 'SymbolicLink', linkpath: '/bin/busybox' });
    expect(byPath.get('bin/ash')).toMatchObject({ type: 'Link', linkpath: 'bin/busybox' });
    expect(byPath.get(`${longDir}/file`)?.size).toBe(4);
    expect(byPath.get(veryLong)?.size).toBe(9);
    expect(byPath.get('link')?.linkpath).toBe('x'.repeat(150));
    expect(listed.length).toBe(entries.length);
  });

  it('gives the same bytes whatever order the entries come in', () => {
    const a = writeTar(entries);
    const b = writeTar([...entries].reverse());
    expect(a.equals(b)).toBe(true);
    expect(a.length % 512).toBe(0);
  });

  it('refuses paths that leave the layer, and duplicates', () => {
    expect(() => normalizeTarPath('../etc/passwd')).toThrow(/leaves the layer/);
    expect(() => normalizeTarPath('a/../../b')).toThrow(/leaves the layer/);
    expect(normalizeTarPath('./etc//passwd/')).toBe('etc/passwd');
    expect(normalizeTarPath('/bin/sh')).toBe('bin/sh');
    expect(() => writeTar([entries[0], { ...entries[0] }])).toThrow(/duplicate/);
  });

  it('notices a corrupted header', () => {
    const archive = writeTar(entries);
    archive[10] ^= 0xff;
    expect(() => readTar(archive)).toThrow(/checksum/);
  });

  it('reads the pax long names another writer (node-tar) writes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-tar-test-'));
    try {
      const file = join(dir, 'gnu.tar');
      const name = 'n'.repeat(120);
      writeFileSync(join(dir, name), 'content');
      tar.c({ file, cwd: dir, sync: true, portable: true }, [name]);
      const back = readTar(readFileSync(file));
      expect(back.find((e) => e.type === 'file')?.path).toBe(name);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
