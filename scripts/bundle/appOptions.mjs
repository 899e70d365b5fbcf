// The esbuild options the app's bundle is made with (scripts/bundle.mjs), shared with bench/frame.mjs so it times the same code.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inkPatches } from './inkPatches.mjs';
import { highlightCore } from './highlightCore.mjs';

const here = dirname(fileURLToPath(import.meta.url));

/** `patched: false` leaves Ink as published (bench/frame.mjs's peer). */
export function appBuildOptions({ patched = true } = {}) {
  return {
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // koffi loads its prebuilt native module from its own package directory at run time
    external: ['koffi'],
    plugins: patched ? [inkPatches, highlightCore] : [highlightCore],
    alias: {
      'react-devtools-core': join(here, 'noDevtools.mjs'),
      // src/app/markdown.ts renders with emoji: false, so marked-terminal never looks one up
      'node-emoji': join(here, 'noEmoji.mjs'),
    },
    // React's production build only: its development reconciler (700 KB) need not be read at each start
    // (the menu's chunk imported in 191 ms with it left out, 248 ms with it in: medians of 7)
    define: { 'process.env.NODE_ENV': '"production"' },
    // CommonJS dependencies call require() for Node's built-ins; ES module output has no require
    banner: { js: "import { createRequire as __labCreateRequire } from 'node:module'; const require = __labCreateRequire(import.meta.url);" },
    logLevel: 'warning',
  };
}
