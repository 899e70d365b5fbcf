// Overlay mounts from mountinfo and the upperdir listing, on fixtures captured from a real overlay mount.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseMountinfo, diffMounts } from '../../../src/observe/parse/mountinfo.js';
import { overlayMounts, parseOverlayOptions } from '../../../src/observe/parse/overlay.js';
import { classifyUpper, listUpperEntries, sampleOverlays, type UpperFs, type UpperStat } from '../../../src/observe/overlaySample.js';

const dir = fileURLToPath(new URL('../../fixtures/overlay/', import.meta.url));
const mountinfo = readFileSync(join(dir, 'mountinfo'), 'utf8');
const mounts = parseMountinfo(mountinfo);
/** The capture's temp directory, e.g. /tmp/container-lab-fixture-sbfHL7/session-fixture. */
const S = /(\/tmp\/container-lab-fixture-[^/]+\/session-fixture)/.exec(mountinfo)![1];

/** An UpperFs that answers from upper-c1.txt, the listing of the real c1 upperdir. */
function fixtureFs(upperRoot: string): UpperFs {
  const rows = readFileSync(join(dir, 'upper-c1.txt'), 'utf8').trim().split('\n').map((l) => l.split('\t'));
  const byPath = new Map(rows.map(([p, type, rdev, opaque]) => [p, { type: type as UpperStat['type'], rdev: Number(rdev), opaque: opaque === '-' ? null : opaque }]));
  const rel = (path: string) => path.slice(upperRoot.length);
  return {
    readdir(path) {
      if (!path.startsWith(upperRoot)) return [];
      const prefix = rel(path) + '/';
      return rows.map(([p]) => p).filter((p) => p.startsWith(prefix) && !p.slice(prefix.length).includes('/')).map((p) => p.slice(prefix.length));
    },
    lstat(path) {
      const row = byPath.get(rel(path));
      if (!row) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      return { type: row.type, rdev: row.rdev };
    },
    opaque: (path) => byPath.get(rel(path))?.opaque ?? null,
  };
}

describe('overlay options from mountinfo', () => {
  it('reads lowerdir (top first), upperdir and workdir of the lesson\'s two containers', () => {
    const found = overlayMounts(mounts);
    expect(found.map((o) => o.mount.mountPoint)).toEqual([
      `${S}/containers/c1/merged`, `${S}/containers/c2/merged`, `${S}/odd/m m`,
    ]);
    expect(found[0].options).toEqual({
      lower: [`${S}/layers/2`, `${S}/layers/1`],
      upper: `${S}/containers/c1/upper`,
      work: `${S}/containers/c1/work`,
    });
    expect(found[1].options.lower).toEqual(found[0].options.lower);
    expect(found[1].options.upper).toBe(`${S}/containers/c2/upper`);
  });

  it('undoes both escapings: mountinfo\'s \\ooo and overlayfs\'s backslash before , and :', () => {
    const odd = overlayMounts(mounts)[2].options;
    expect(odd.lower).toEqual([`${S}/odd/lab dir,1`, `${S}/odd/l:2`]);
    expect(odd.upper).toBe(`${S}/odd/up`);
  });

  it('leaves out data-only layers ("::") and reads lowerdir+ (hand-written: this kernel prints neither)', () => {
    expect(parseOverlayOptions('rw,lowerdir=/a:/b::/data,upperdir=/u,workdir=/w')?.lower).toEqual(['/a', '/b']);
    expect(parseOverlayOptions('rw,lowerdir+=/a,lowerdir+=/b,datadir+=/d')).toEqual({ lower: ['/a', '/b'], upper: null, work: null });
    expect(parseOverlayOptions('rw,relatime')).toBeNull();
    expect(parseOverlayOptions('rw,lowerdir=/a,upperdir=/u,workdir=/w,uuid=null,userxattr')).toEqual({ lower: ['/a'], upper: '/u', work: '/w', userxattr: true });
  });
});

describe('upperdir entries', () => {
  it('tells whiteouts (char 0:0) and opaque directories from files and directories', () => {
    expect(classifyUpper({ type: 'char', rdev: 0 }, null)).toBe('whiteout');
    expect(classifyUpper({ type: 'char', rdev: 259 }, null)).toBeNull(); // a real device is not a whiteout
    expect(classifyUpper({ type: 'dir', rdev: 0 }, 'y')).toBe('opaque');
    expect(classifyUpper({ type: 'dir', rdev: 0 }, 'x')).toBe('dir'); // 6.7+: "x" is not opaque
    expect(classifyUpper({ type: 'symlink', rdev: 0 }, null)).toBe('symlink');
    expect(classifyUpper({ type: 'other', rdev: 0 }, null)).toBeNull();
  });

  it('lists the captured c1 upperdir as the container sees the paths', () => {
    const upper = `${S}/containers/c1/upper`;
    expect(listUpperEntries(upper, fixtureFs(upper))).toEqual([
      { path: '/etc', kind: 'dir' },
      { path: '/etc/issue', kind: 'whiteout' },
      { path: '/etc/motd', kind: 'file' },
      { path: '/link-to-new', kind: 'symlink' },
      { path: '/new.txt', kind: 'file' },
      { path: '/usr', kind: 'dir' },
      { path: '/usr/share', kind: 'dir' },
      { path: '/usr/share/hello', kind: 'opaque' },
      { path: '/usr/share/hello/message', kind: 'file' },
    ]);
    expect(listUpperEntries(upper, fixtureFs(upper), 3)).toHaveLength(3);
  });

  it('samples only the overlays the container has and the host does not', () => {
    const host = mounts.filter((m) => m.fsType !== 'overlay');
    const upper = `${S}/containers/c1/upper`;
    const states = sampleOverlays('/', diffMounts(host, mounts), fixtureFs(upper));
    expect(states.map((s) => s.merged)).toEqual([`${S}/containers/c1/merged`, `${S}/containers/c2/merged`, `${S}/odd/m m`]);
    expect(states[0]).toMatchObject({ lower: [`${S}/layers/2`, `${S}/layers/1`], upper, work: `${S}/containers/c1/work` });
    expect(states[0].upperEntries.filter((e) => e.kind === 'whiteout').map((e) => e.path)).toEqual(['/etc/issue']);
    expect(states[1].upperEntries).toEqual([]);
    expect(sampleOverlays('/', diffMounts(mounts, mounts), fixtureFs(upper))).toEqual([]);
  });
});

describe('upperdir entries on a real directory', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'cl-upper-test-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('walks files, directories and symlinks depth first, names sorted', () => {
    mkdirSync(join(tmp, 'etc'));
    writeFileSync(join(tmp, 'etc', 'motd'), 'x');
    writeFileSync(join(tmp, 'b.txt'), 'x');
    symlinkSync('b.txt', join(tmp, 'a-link'));
    expect(listUpperEntries(tmp)).toEqual([
      { path: '/a-link', kind: 'symlink' },
      { path: '/b.txt', kind: 'file' },
      { path: '/etc', kind: 'dir' },
      { path: '/etc/motd', kind: 'file' },
    ]);
    expect(listUpperEntries(join(tmp, 'gone'))).toEqual([]);
  });
});
