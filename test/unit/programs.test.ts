// src/programs/ is the list of the lab's processes: one file per separately started program, each
// in the one table of built paths, each saying how it runs; the small ones stay small.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/sys/packageRoot.js';
import { programs } from '../../src/sys/paths.js';

const root = packageRoot();
const sources = join(root, 'src/programs');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []);
}

function tablePaths(table: object): string[] {
  return Object.values(table).flatMap((v) => (typeof v === 'string' ? [v] : tablePaths(v)));
}

const programFiles = files(sources).map((f) => relative(sources, f)).sort();

describe('src/programs', () => {
  it('holds exactly the programs of the paths table, and the table points at their built copies', () => {
    const built = join(root, 'dist/src/programs');
    const fromTable = tablePaths(programs).map((p) => {
      expect(p.startsWith(built + '/'), p).toBe(true);
      return relative(built, p).replace(/\.js$/, '.ts');
    });
    expect(fromTable.sort()).toEqual(programFiles);
  });

  it.each(programFiles)('%s starts with runs as, namespaces, started by, ends when', (file) => {
    const head = readFileSync(join(sources, file), 'utf8').split('\n').slice(0, 20);
    const at = ['runs as:', 'namespaces:', 'started by:', 'ends when:'].map((label) =>
      head.findIndex((line) => line.startsWith(`//   ${label}`)));
    expect(at.every((i) => i > 0), `${file}: ${at}`).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it.each(['init.ts', 'mountProc.ts', 'hogs/cpu.ts', 'hogs/forks.ts', 'hogs/memory.ts'])(
    '%s loads fast: it imports only node: modules and the kernel bindings in native/',
    (file) => {
      const text = readFileSync(join(sources, file), 'utf8');
      const imports = [...text.matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1]);
      for (const spec of imports) expect(spec, file).toMatch(/^node:|^\.\.\/\.\.\/native\/[a-zA-Z]+\.js$/);
    },
  );
});
