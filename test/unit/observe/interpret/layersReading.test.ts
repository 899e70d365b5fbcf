// Unit tests for what overlay mounts show, on the captured overlay fixture: roles in the stack, shared lowers, upperdir changes.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseMountinfo } from '../../../../src/observe/parse/mountinfo.js';
import { overlayMounts } from '../../../../src/observe/parse/overlay.js';
import { classifyUpper, type UpperStat } from '../../../../src/observe/overlaySample.js';
import { commonDir, interpretLayers, layerRole, lowersShared, upperEntries } from '../../../../src/observe/interpret/layersReading.js';
import type { OverlayState } from '../../../../src/types.js';

const dir = fileURLToPath(new URL('../../../fixtures/overlay/', import.meta.url));
const mountinfo = readFileSync(join(dir, 'mountinfo'), 'utf8');
/** The capture's temp directory, e.g. /tmp/container-lab-fixture-sbfHL7/session-fixture. */
const S = /(\/tmp\/container-lab-fixture-[^/]+\/session-fixture)/.exec(mountinfo)![1];

/** c1's upperdir after the lesson's changes, as upper-c1.txt lists it (the sampler's paths: "/etc/issue"). */
const c1Entries = (): OverlayState['upperEntries'] =>
  readFileSync(join(dir, 'upper-c1.txt'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => l.split('\t'))
    .flatMap(([path, type, rdev, opaque]) => {
      const kind = classifyUpper({ type: type as UpperStat['type'], rdev: Number(rdev) }, opaque === '-' ? null : opaque);
      return kind ? [{ path, kind }] : [];
    });

/** The overlays of the capture as the sampler gives them; c1 with its changes. */
const overlays = (): OverlayState[] =>
  overlayMounts(parseMountinfo(mountinfo)).map(({ mount, options }) => ({
    merged: mount.mountPoint,
    lower: options.lower,
    upper: options.upper ?? '',
    work: options.work ?? '',
    upperEntries: mount.mountPoint.endsWith('/c1/merged') ? c1Entries() : [],
  }));

describe('the stack', () => {
  it('calls the first lower layer the top and the last the base', () => {
    expect([0, 1, 2].map((i) => layerRole(i, 3))).toEqual(['top', '', 'base']);
    expect(layerRole(0, 1)).toBe('base');
  });

  it('sees the two containers share their lowers, and the odd mount not', () => {
    const [c1, c2, odd] = overlays();
    expect(lowersShared([c1, c2])).toBe(true);
    expect(lowersShared([c1, c2, odd])).toBe(false);
    expect(lowersShared([c1])).toBe(false);
  });

  it('finds the directory the paths share, when it is deep enough to say something', () => {
    const [c1, c2] = overlays();
    expect(commonDir([c1, c2].flatMap((o) => [o.merged, o.upper, o.work, ...o.lower]))).toBe(`${S}/`);
    expect(commonDir(['/a/x', '/b/y'])).toBe('');
    expect(commonDir(['relative/x'])).toBe('');
  });
});

describe('upperdir entries', () => {
  it('reads a whiteout as hiding a lower file, an opaque dir as hiding the lower dir, the rest as new or copied up', () => {
    const read = upperEntries(c1Entries(), `${S}/containers/c1/upper`);
    expect(read.map((e) => [e.path, e.change, e.note])).toEqual([
      ['etc/', 'added', null],
      ['etc/issue', 'whiteout', 'whiteout 0:0'],
      ['etc/motd', 'added', null],
      ['link-to-new', 'added', 'symlink'],
      ['new.txt', 'added', null],
      ['usr/', 'added', null],
      ['usr/share/', 'added', null],
      ['usr/share/hello/', 'opaque', 'opaque dir'],
      ['usr/share/hello/message', 'added', null],
    ]);
    expect(read.filter((e) => e.rank < 2).map((e) => e.path)).toEqual(['etc/issue', 'usr/share/hello/']);
  });

  it('takes paths relative to the upperdir whether written from it or from the container\'s root', () => {
    const upper = '/u';
    expect(upperEntries([{ path: '/u/etc/motd', kind: 'file' }, { path: 'etc/app', kind: 'dir' }], upper).map((e) => e.path)).toEqual(['etc/motd', 'etc/app/']);
  });
});

describe('interpretLayers', () => {
  it('gives the lesson\'s two containers relative to the directory they share, lowers by role, changes present', () => {
    const [c1, c2] = overlays();
    const reading = interpretLayers([c1, c2]);
    expect(reading.dir).toBe(`${S}/`);
    expect(reading.lowersShared).toBe(true);
    expect(reading.overlays[0]).toMatchObject({
      merged: 'containers/c1/merged',
      upper: 'containers/c1/upper',
      work: 'containers/c1/work',
      lower: [
        { path: 'layers/2', role: 'top' },
        { path: 'layers/1', role: 'base' },
      ],
    });
    expect(reading.overlays[1].entries).toEqual([]);
    expect(reading.changes).toEqual(['added', 'whiteout', 'opaque']);
  });

  it('keeps absolute paths when the overlays share no directory worth naming, and reads nothing from none', () => {
    const odd = overlays()[2];
    const reading = interpretLayers([{ ...odd, lower: ['/var/cache/l1', ...odd.lower] }]);
    expect(reading.dir).toBe('');
    expect(reading.overlays[0].lower[0]).toEqual({ path: '/var/cache/l1', role: 'top' });
    expect(interpretLayers(undefined)).toEqual({ overlays: [], dir: '', lowersShared: false, changes: [] });
  });
});
