// Finding a program as execvp(3) would, and in the sbin directories a user's PATH lacks (Debian's runc lives there).
import { afterAll, describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findProgram } from '../../../native/findProgram.js';

const root = mkdtempSync(join(tmpdir(), 'container-lab-find-'));
const dir = (name: string) => {
  const d = join(root, name);
  mkdirSync(d, { recursive: true });
  return d;
};
const program = (d: string, name: string, mode = 0o755) => {
  writeFileSync(join(d, name), '#!/bin/sh\n');
  chmodSync(join(d, name), mode);
  return join(d, name);
};

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('findProgram', () => {
  const bin = dir('bin');
  const sbin = dir('sbin');
  const inBin = program(bin, 'both');
  program(sbin, 'both');
  const onlySbin = program(sbin, 'daemon');
  program(bin, 'plain', 0o644);

  it('takes PATH first, in order, and only executable files', () => {
    expect(findProgram('both', bin, [sbin])).toBe(inBin);
    expect(() => findProgram('plain', bin, [])).toThrow(/plain was not found on PATH/);
  });

  it('then the sbin directories a user\'s PATH lacks, where the root helper finds daemons', () => {
    expect(findProgram('daemon', bin, [sbin])).toBe(onlySbin);
    expect(() => findProgram('daemon', bin, [])).toThrow(/not found/);
  });

  it('a name with a slash is a path, used as it is', () => {
    expect(findProgram('./x/y', bin, [sbin])).toBe('./x/y');
  });
});
