// What `--help`, `list`, `doctor` and `version` load before they answer: none of the app's heavy packages.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const HEAVY = ['ink', 'react', 'ink-select-input', 'marked', 'marked-terminal', 'zod', 'yaml', 'tar', 'koffi'];

/** The packages a source file pulls in through static imports (dynamic `import()` is left out: it loads when used), or through both. */
function staticPackages(entry: string, dynamicToo = false, seen = new Set<string>()): Set<string> {
  const packages = new Set<string>();
  const stack = [resolve(root, entry)];
  while (stack.length) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    const dynamic = dynamicToo ? [...text.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g)].map((m) => m[1]) : [];
    const specs = [...text.matchAll(/^\s*(import|export)\s+(type\s+)?[^;'"]*?from\s+'([^']+)'|^\s*import\s+'([^']+)'/gm)]
      .filter((m) => !m[2]) // import type: erased
      .map((m) => m[3] ?? m[4]);
    for (const spec of [...specs, ...dynamic]) {
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

  it('the notes viewer draws without Ink or React, and the app\'s notes socket loads no markdown', () => {
    const viewer = [...staticPackages('src/presenter/notesCommand.ts')];
    expect(viewer.filter((p) => ['ink', 'react'].includes(p))).toEqual([]);
    expect(viewer).toContain('marked');
    expect([...staticPackages('src/presenter/notesServer.ts')].filter((p) => HEAVY.includes(p))).toEqual([]);
  });

  it('sees a heavy package where there is one', () => {
    expect(staticPackages('src/tui.tsx')).toContain('ink');
    expect(staticPackages('src/lesson/loadLessons.ts')).toContain('yaml');
  });

  it('the programs the app starts import only the runtime dependencies: the rest is inside the bin\'s bundle, not installed', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const runtime = Object.keys(manifest.dependencies);
    const programs = readdirSync(join(root, 'src/programs'), { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f));
    expect(programs.length).toBeGreaterThan(5);
    for (const program of programs) {
      const outside = [...staticPackages(join('src/programs', program), true)].filter((p) => !runtime.includes(p));
      expect([program, outside]).toEqual([program, []]);
    }
    // and the walk does see the packages they use, and those behind an import()
    expect([...staticPackages('src/programs/helper.ts', true)].sort()).toEqual(['tar', 'zod']);
    expect(staticPackages('src/cli.tsx', true)).toContain('ink');
  });

  it('replay loads no helper client, no koffi and nothing of native/: it runs where the lab cannot (macOS, WSL, no root)', () => {
    for (const entry of ['src/replay.ts', 'src/record/reader.ts']) {
      const files = new Set<string>();
      const packages = staticPackages(entry, true, files);
      const mine = [...files].map((f) => f.slice(root.length));
      expect([entry, mine.filter((f) => f.startsWith('native/') || f.startsWith('src/helper/') || f.startsWith('src/sys/'))]).toEqual([entry, []]);
      expect([entry, [...packages].filter((p) => p === 'koffi')]).toEqual([entry, []]);
    }
    // the walk does reach what the live app loads: the helper client, through openApp
    const live = new Set<string>();
    staticPackages('src/openApp.ts', true, live);
    expect([...live].map((f) => f.slice(root.length))).toContain('src/helper/client.ts');
  });

  it('the bin is the bundle of main.js (scripts/bundle.mjs), which imports the command line lazily', () => {
    expect(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).bin['container-lab']).toBe('dist/app/main.js');
    expect(readFileSync(join(root, 'scripts/bundle.mjs'), 'utf8')).toMatch(/entryPoints: \[join\(dist, 'src\/main\.js'\)\]/);
  });

  it('imports zod as a namespace (import * as z) everywhere, so the bundle keeps only the parts used', () => {
    // `import { z } from 'zod'` is one object holding all of zod: esbuild cannot leave any of it out
    // (the chunk was 755 KB, 204 KB with the namespace import)
    const named: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (/\.tsx?$/.test(entry.name) && /^import\s+(?!type\b)\{[^}]*\}\s+from\s+'zod'/m.test(readFileSync(join(root, path), 'utf8'))) named.push(path);
      }
    };
    walk('src');
    walk('native');
    expect(named).toEqual([]);
  });
});
