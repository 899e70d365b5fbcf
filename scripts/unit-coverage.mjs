#!/usr/bin/env node
// How many action and check files the tests that run without root import directly (test/unit, test/ui).
// Usage: node scripts/unit-coverage.mjs [--list]   (exit 1 below 90 %)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function files(dir, test) {
  const out = [];
  for (const entry of readdirSync(join(root, dir))) {
    const path = join(dir, entry);
    if (statSync(join(root, path)).isDirectory()) out.push(...files(path, test));
    else if (test(entry)) out.push(path);
  }
  return out;
}

const targets = [...files('src/actions', (f) => f.endsWith('.ts')), ...files('src/checks', (f) => f.endsWith('.ts'))];
const tests = [...files('test/unit', (f) => /\.test\.tsx?$/.test(f)), ...files('test/ui', (f) => /\.test\.tsx?$/.test(f))];
const imported = new Set();
for (const test of tests) {
  for (const m of readFileSync(join(root, test), 'utf8').matchAll(/from ['"](\.[^'"]+)['"]/g)) {
    imported.add(relative(root, resolve(root, dirname(test), m[1])).replace(/\.js$/, '.ts'));
  }
}
const covered = targets.filter((t) => imported.has(t));
const missing = targets.filter((t) => !imported.has(t));
const pct = (100 * covered.length) / targets.length;
console.log(`action and check files imported directly by a test in test/unit or test/ui: ${covered.length} of ${targets.length} (${pct.toFixed(1)} %)`);
if (process.argv.includes('--list')) for (const m of missing) console.log(`  not imported: ${m}`);
process.exitCode = pct >= 90 ? 0 : 1;
