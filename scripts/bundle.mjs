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
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { appBuildOptions } from './bundle/appOptions.mjs';
import { asciiOnly } from './bundle/asciiOutput.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = resolve(root, process.argv[2] ?? 'dist');
const outdir = join(dist, 'app');
rmSync(outdir, { recursive: true, force: true });

const result = await build({
  ...appBuildOptions(),
  entryPoints: [join(dist, 'src/main.js')],
  outdir,
  splitting: true, // each import() of the sources stays a chunk loaded when used
  metafile: true,
  absWorkingDir: root, // the metafile's input paths are relative to it
});

for (const name of readdirSync(outdir).filter((n) => n.endsWith('.js'))) {
  const file = join(outdir, name);
  const text = readFileSync(file, 'utf8');
  const ascii = asciiOnly(text, file);
  if (ascii !== text) writeFileSync(file, ascii);
}

/*
 * The bundle carries other packages' code (Ink, React, marked…), which the package then no longer
 * installs: their licenses (MIT, ISC…) ask that each notice go with the code, so they are
 * collected next to it, one per package the bundle took something from.
 */
const packageDirs = new Set(); // by directory: two versions of one package are two notices
for (const input of Object.keys(result.metafile.inputs)) {
  const m = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
  if (m) packageDirs.add(join(root, m[1]));
}
const notices = [...packageDirs]
  .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
  .sort((a, b) => `${a.manifest.name} ${a.manifest.version}`.localeCompare(`${b.manifest.name} ${b.manifest.version}`))
  .map(({ dir, manifest }) => {
    const name = manifest.name;
    const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
    const text = file ? readFileSync(join(dir, file), 'utf8').trim() : `License: ${manifest.license ?? 'not stated'} (no license file in the package)`;
    return `${name} ${manifest.version} (${manifest.license ?? 'license not stated'})\n\n${text}\n`;
  });
writeFileSync(join(outdir, 'THIRD-PARTY-LICENSES.txt'), `Packages bundled into container-lab's dist/app/, with their licenses.\n\n${notices.join('\n' + '-'.repeat(72) + '\n\n')}`);
