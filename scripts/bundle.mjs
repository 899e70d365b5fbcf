#!/usr/bin/env node
// Bundles the command line and the app (dist/src/main.js and what it imports) into dist/app/, the package's bin.
//
// Why: Node 20 reads an ES module graph file by file. Ink 6.8 with React is 552 modules, 415 of
// them es-toolkit (ink.js imports `throttle` from 'es-toolkit/compat', whose index loads the whole
// compat set), and loading them took most of the time from start to the menu (esbuild --metafile
// counts them). esbuild puts them in a few files; each `import()` of the sources stays a chunk, so
// `--help` and `list` still load only what they use.
// The separately started programs (dist/src/programs/*: helper, builder, reaper…) stay tsc output.
// Usage: node scripts/bundle.mjs [dist-dir]   (prepack passes dist.pack)
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = resolve(root, process.argv[2] ?? 'dist');
const outdir = join(dist, 'app');
rmSync(outdir, { recursive: true, force: true });

await build({
  entryPoints: [join(dist, 'src/main.js')],
  outdir,
  bundle: true,
  splitting: true, // each import() of the sources stays a chunk loaded when used
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // koffi loads its prebuilt native module from its own package directory at run time
  external: ['koffi'],
  alias: { 'react-devtools-core': join(root, 'scripts/bundle/noDevtools.mjs') },
  // CommonJS dependencies call require() for Node's built-ins; ES module output has no require
  banner: { js: "import { createRequire as __labCreateRequire } from 'node:module'; const require = __labCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
