// Where the base layer comes from: static-ELF detection (PT_INTERP) and ldd's output.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { elfLinking, fileElfLinking } from '../../../src/image/elf.js';
import { parseLdd } from '../../../src/image/hostBinaries.js';
import { findStaticBusybox } from '../../../src/image/busybox.js';
import { whichProgram } from '../../../native/findProgram.js';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../../fixtures/image/${name}`, import.meta.url)), 'utf8');

/** A minimal 64-bit little-endian ELF header with the given program header types. */
function elf64(types: number[]): Buffer {
  const phoff = 64;
  const buf = Buffer.alloc(phoff + types.length * 56);
  buf.writeUInt32BE(0x7f454c46, 0);
  buf[4] = 2; // ELFCLASS64
  buf[5] = 1; // little endian
  buf.writeBigUInt64LE(BigInt(phoff), 32);
  buf.writeUInt16LE(56, 54);
  buf.writeUInt16LE(types.length, 56);
  types.forEach((t, i) => buf.writeUInt32LE(t, phoff + i * 56));
  return buf;
}

describe('ELF linking', () => {
  it('static = no PT_INTERP program header', () => {
    expect(elfLinking(elf64([1, 1, 4]))).toBe('static');
    expect(elfLinking(elf64([6, 3, 1]))).toBe('dynamic');
    expect(elfLinking(Buffer.from('#!/bin/sh\necho not elf\n'.padEnd(80)))).toBeNull();
    expect(elfLinking(elf64([1]).subarray(0, 70))).toBeNull(); // program headers cut off
  });

  it('on this host: node is dynamic; busybox-static, when installed, is static', () => {
    expect(fileElfLinking(process.execPath)).toBe('dynamic');
    const busybox = whichProgram('busybox');
    if (busybox) expect(fileElfLinking(busybox)).toBe(findStaticBusybox() ? 'static' : 'dynamic');
    expect(findStaticBusybox(process.execPath)).toBeNull();
  });
});

describe('ldd output', () => {
  it('names libraries and the loader, skips the vDSO', () => {
    const { paths, missing } = parseLdd(fixture('ldd-ps.txt'));
    expect(missing).toEqual([]);
    expect(paths).toContain('/lib/x86_64-linux-gnu/libc.so.6');
    expect(paths).toContain('/lib64/ld-linux-x86-64.so.2');
    expect(paths.some((p) => p.includes('vdso'))).toBe(false);
    expect(paths).toHaveLength(10);
  });

  it('a static program has none; a missing library is reported', () => {
    expect(parseLdd(fixture('ldd-busybox.txt'))).toEqual({ paths: [], missing: [] });
    expect(parseLdd('\tlibfoo.so.1 => not found\n\tlibc.so.6 => /lib/libc.so.6 (0x00007f0000000000)\n'))
      .toEqual({ paths: ['/lib/libc.so.6'], missing: ['libfoo.so.1'] });
  });
});
