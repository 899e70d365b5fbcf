#!/usr/bin/env node
// Prints the import graph between the code's layers and every import that points up a layer.
// Usage: node scripts/import-graph.mjs [--dot] [root]  (exit 1 when a layer imports one above it)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Bottom first: a module may import its own layer and the ones below, never one above. */
export const LAYERS = [
  ['base', ['src/types.ts', 'src/errors.ts', 'src/format/']],
  ['native', ['native/']],
  ['sys', ['src/sys/']],
  ['parse', ['src/observe/parse/']],
  ['cgroup', ['src/cgroup/']],
  ['image', ['src/image/']],
  ['observe', ['src/observe/']],
  ['state', ['src/stateRoot.ts']],
  ['chain', ['src/chain/', 'src/procWatcher/']],
  ['builder', ['src/builder/']],
  ['steps', ['src/steps/']],
  ['actions', ['src/actions/', 'src/checks/']],
  ['vocabulary', ['src/vocabulary/']],
  ['helper', ['src/helper/']],
  ['lesson', ['src/lesson/']],
  ['record', ['src/record/']],
  ['app', ['src/app/']],
  ['programs', ['src/programs/']],
  ['commands', ['src/']],
];

export function layerOf(file) {
  for (let i = 0; i < LAYERS.length; i++) {
    const [name, prefixes] = LAYERS[i];
    if (prefixes.some((p) => (p.endsWith('/') ? file.startsWith(p) : file === p))) return { index: i, name };
  }
  return null;
}

function sources(root, dir) {
  const out = [];
  for (const entry of readdirSync(join(root, dir))) {
    const path = join(dir, entry);
    if (statSync(join(root, path)).isDirectory()) out.push(...sources(root, path));
    else if (/\.tsx?$/.test(entry) && !entry.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

const IMPORT = /^\s*(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]|^\s*import\(\s*['"](\.[^'"]+)['"]|await import\(['"](\.[^'"]+)['"]\)/gm;

/** Every relative import between two source files, with the layers on each side. */
export function importEdges(root) {
  const files = [...sources(root, 'src'), ...sources(root, 'native')];
  const edges = [];
  for (const file of files) {
    const text = readFileSync(join(root, file), 'utf8');
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2] ?? m[3];
      const target = relative(root, resolve(root, dirname(file), spec)).replace(/\.js$/, '.ts');
      const to = files.includes(target) ? target : files.includes(target + 'x') ? target + 'x' : null;
      if (!to) continue;
      edges.push({ from: file, to, fromLayer: layerOf(file), toLayer: layerOf(to) });
    }
  }
  return edges;
}

export function upwardImports(root) {
  return importEdges(root).filter((e) => e.fromLayer && e.toLayer && e.toLayer.index > e.fromLayer.index);
}

function main() {
  const args = process.argv.slice(2);
  const root = args.find((a) => !a.startsWith('--')) ?? join(dirname(fileURLToPath(import.meta.url)), '..');
  const edges = importEdges(root);
  const counts = new Map();
  for (const e of edges) {
    if (!e.fromLayer || !e.toLayer || e.fromLayer.name === e.toLayer.name) continue;
    const key = `${e.fromLayer.name} -> ${e.toLayer.name}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  console.log(`layers, bottom first: ${LAYERS.map(([n]) => n).join(' < ')}`);
  for (const [key, n] of [...counts].sort()) {
    const [from, to] = key.split(' -> ');
    const up = LAYERS.findIndex(([l]) => l === to) > LAYERS.findIndex(([l]) => l === from);
    console.log(`${up ? 'UP ' : '   '}${key} (${n})`);
  }
  const up = upwardImports(root);
  for (const e of up) console.log(`upward: ${e.from} (${e.fromLayer.name}) imports ${e.to} (${e.toLayer.name})`);
  console.log(up.length ? `${up.length} imports point up a layer` : 'no layer imports a layer above it');
  process.exitCode = up.length ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
