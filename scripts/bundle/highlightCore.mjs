// esbuild plugin: `require('highlight.js')` in the bundle gets highlightCore.cjs, the core with the lessons' languages.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const shim = join(dirname(fileURLToPath(import.meta.url)), 'highlightCore.cjs');

export const highlightCore = {
  name: 'highlight-core',
  setup(build) {
    // only the bare name: the shim's own highlight.js/lib/… requires resolve as usual
    build.onResolve({ filter: /^highlight\.js$/ }, () => ({ path: shim }));
  },
};
