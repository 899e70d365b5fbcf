// The bundle's highlight.js (scripts/bundle/highlightCore.*): the core with the lessons' languages, the rest of the package untouched.
import { describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { resolve } from 'node:path';
import { createRequire } from 'node:module';
// @ts-expect-error: a build script, plain JavaScript without types
import { highlightCore } from '../../../../scripts/bundle/highlightCore.mjs';

const root = resolve(import.meta.dirname, '../../../..');

/** The languages `require('highlight.js')` knows in a bundle made with or without the plugin. */
async function languagesBundled(plugin: boolean): Promise<string[]> {
  const result = await build({
    stdin: { contents: "module.exports = require('highlight.js').listLanguages();", resolveDir: root, loader: 'js' },
    bundle: true, format: 'cjs', platform: 'node', write: false, logLevel: 'silent', plugins: plugin ? [highlightCore] : [],
  });
  const module = { exports: [] as string[] };
  new Function('module', 'require', result.outputFiles[0].text)(module, createRequire(import.meta.url));
  return module.exports;
}

describe('highlight.js in the bundle', () => {
  it('knows the languages of lesson code blocks (c, sh, text) and the few listed, not all of highlight.js', async () => {
    const all = await languagesBundled(false);
    const core = await languagesBundled(true);
    expect(all.length).toBeGreaterThan(150);
    expect(core.sort()).toEqual(['bash', 'c', 'diff', 'dockerfile', 'ini', 'javascript', 'json', 'makefile', 'plaintext', 'python', 'shell', 'go', 'yaml'].sort());
  });

  it('gives the shim only for the bare name: highlight.js/lib/… resolves as usual', async () => {
    const result = await build({
      stdin: { contents: "module.exports = require('highlight.js/lib/languages/rust');", resolveDir: root, loader: 'js' },
      bundle: true, format: 'cjs', platform: 'node', write: false, logLevel: 'silent', plugins: [highlightCore],
    });
    expect(result.outputFiles[0].text).toContain('node_modules/highlight.js/lib/languages/rust.js');
  });
});
