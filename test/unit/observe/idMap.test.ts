// parseIdMap and id translation on real and hand-written uid_map files.
import { describe, expect, it } from 'vitest';
import { mapInsideToOutside, mapOutsideToInside, parseIdMap } from '../../../src/observe/parse/idMap.js';
import { fixture, H, HYBRID, V, V2 } from './fixtures.js';

describe('parseIdMap', () => {
  it('reads the initial namespace\'s identity map (captured)', () => {
    expect(parseIdMap(fixture(HYBRID, `proc/${H.shell}/uid_map`))).toEqual([{ inside: 0, outside: 0, count: 4294967295 }]);
  });

  it('reads a rootless map (captured: nobody mapped to root)', () => {
    const map = parseIdMap(fixture(HYBRID, `proc/${H.container}/uid_map`));
    expect(map).toEqual([{ inside: 0, outside: 65534, count: 1 }]);
    expect(mapOutsideToInside(65534, map)).toBe(0);
    expect(mapOutsideToInside(0, map)).toBeNull();
    expect(mapInsideToOutside(0, map)).toBe(65534);
    expect(mapInsideToOutside(1, map)).toBeNull();
  });

  it('reads an empty map (captured: never written)', () => {
    const text = fixture(HYBRID, `proc/${H.unmapped}/uid_map`);
    expect(text).toBe('');
    expect(parseIdMap(text)).toEqual([]);
    expect(mapOutsideToInside(65534, [])).toBeNull();
  });

  it('translates through a two-line subuid map, at the range edges', () => {
    const map = parseIdMap(fixture(V2, `proc/${V.container}/uid_map`));
    expect(map).toEqual([
      { inside: 0, outside: 1000, count: 1 },
      { inside: 1, outside: 100000, count: 65536 },
    ]);
    expect(mapOutsideToInside(1000, map)).toBe(0);
    expect(mapOutsideToInside(100000, map)).toBe(1);
    expect(mapOutsideToInside(100032, map)).toBe(33);
    expect(mapOutsideToInside(165535, map)).toBe(65536);
    expect(mapOutsideToInside(165536, map)).toBeNull();
    expect(mapOutsideToInside(99999, map)).toBeNull();
    expect(mapInsideToOutside(33, map)).toBe(100032);
    expect(mapInsideToOutside(65537, map)).toBeNull();
  });

  it('throws on a malformed line', () => {
    expect(() => parseIdMap('0 1000\n')).toThrow(/line 1/);
    expect(() => parseIdMap('0 0 1\nx y z\n')).toThrow(/line 2/);
  });
});
