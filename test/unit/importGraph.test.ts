// The layers of the code: no module imports one from a layer above its own (scripts/import-graph.mjs).
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
// @ts-expect-error: a plain ES module script without type declarations
import { upwardImports, importEdges, layerOf } from '../../scripts/import-graph.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('import graph', () => {
  it('places every source file in a layer', () => {
    const unplaced = (importEdges(root) as Array<{ from: string; fromLayer: unknown }>).filter((e) => !e.fromLayer).map((e) => e.from);
    expect([...new Set(unplaced)]).toEqual([]);
    expect(layerOf('src/sys/real.ts').name).toBe('sys');
  });

  it('has no import from a lower layer to a higher one', () => {
    const up = (upwardImports(root) as Array<{ from: string; to: string }>).map((e) => `${e.from} -> ${e.to}`);
    expect(up).toEqual([]);
  });
});
