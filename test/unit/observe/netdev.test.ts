// parseNetDev on captured and hand-written /proc/<pid>/net/dev files.
import { describe, expect, it } from 'vitest';
import { parseNetDev } from '../../../src/observe/parse/netdev.js';
import { fixture, H, HYBRID, V, V2 } from './fixtures.js';

describe('parseNetDev', () => {
  it('lists the host interfaces (captured)', () => {
    expect(parseNetDev(fixture(HYBRID, `proc/${H.shell}/net/dev`))).toEqual(['lo', 'ifb0', 'ifb1', 'eth0']);
  });

  it('lists only lo in a new network namespace (captured)', () => {
    expect(parseNetDev(fixture(HYBRID, `proc/${H.container}/net/dev`))).toEqual(['lo']);
  });

  it('handles a name with no space before its counters', () => {
    const text = fixture(V2, `proc/${V.shell}/net/dev`);
    expect(parseNetDev(text)).toEqual(['lo', 'enp1s0']);
    const header = text.split('\n').slice(0, 2).join('\n');
    expect(parseNetDev(`${header}\nveth-lab0:1234567890123 5 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n`)).toEqual(['veth-lab0']);
  });

  it('returns nothing for headers only, and throws on a line without a name', () => {
    const header = fixture(HYBRID, `proc/${H.shell}/net/dev`).split('\n').slice(0, 2).join('\n');
    expect(parseNetDev(`${header}\n`)).toEqual([]);
    expect(() => parseNetDev(`${header}\ngarbage\n`)).toThrow(/line 3/);
  });
});
