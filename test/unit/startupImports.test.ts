// What `--help`, `list`, `doctor` and `version` load before they answer: none of the app's heavy packages.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const HEAVY = ['ink', 'react', 'ink-select-input', 'marked', 'marked-terminal', 'zod', 'yaml', 'tar', 'koffi'];

/** The packages a source file pulls in through static imports (dynamic `import()` is left out: it loads when used). */
function staticPackages(entry: string): Set<string> {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const stack = [resolve(root, entry)];
  while (stack.length) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?[^;]*?from\s+'([^']+)'|^\s*import\s+'([^']+)'/gm)) {
      if (m[2]) continue; // import type: erased
      const spec = m[3] ?? m[4];
      if (spec.startsWith('.')) {
        const base = resolve(dirname(file), spec).replace(/\.js$/, '');
        const found = ['.ts', '.tsx'].map((ext) => base + ext).find((p) => existsSync(p));
        if (found) stack.push(found);
      } else if (!spec.startsWith('node:')) {
        packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
      }
    }
  }
  return packages;
}

describe('start-up imports', () => {
  it('the command line loads no heavy package before it knows the command', () => {
    expect([...staticPackages('src/cli.tsx')].filter((p) => HEAVY.includes(p))).toEqual([]);
  });

  it('list reads the lessons through the cache, and doctor stays light', () => {
    for (const entry of ['src/lesson/lessonCache.ts', 'src/lesson/consent.ts', 'src/chain/requirements.ts', 'src/doctor.ts', 'src/openApp.ts']) {
      expect([entry, [...staticPackages(entry)].filter((p) => HEAVY.includes(p))]).toEqual([entry, []]);
    }
  });

  it('sees a heavy package where there is one', () => {
    expect(staticPackages('src/tui.tsx')).toContain('ink');
    expect(staticPackages('src/lesson/loadLessons.ts')).toContain('yaml');
  });

  it('the bin is the bundle of main.js (scripts/bundle.mjs), which imports the command line lazily', () => {
    expect(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).bin['container-lab']).toBe('dist/app/main.js');
    expect(readFileSync(join(root, 'scripts/bundle.mjs'), 'utf8')).toMatch(/entryPoints: \[join\(dist, 'src\/main\.js'\)\]/);
  });
});
