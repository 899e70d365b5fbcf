// The layers checks, on a fake session: an OCI layout with real gzip tar blobs, unpacked layer
// directories, upperdirs, the container's mountinfo, and the merged view through /proc/<pid>/root.
import { describe, expect, it, vi } from 'vitest';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { writeTar, type TarEntry } from '../../../src/image/tarLayer.js';

// the opaque directories, and the xattr name the fake kernel stores their marker under
const { opaque, marker } = vi.hoisted(() => ({ opaque: new Set<string>(), marker: { name: 'trusted.overlay.opaque' } }));
vi.mock('../../../src/image/fsCalls.js', async (original) => ({
  ...(await original<typeof import('../../../src/image/fsCalls.js')>()),
  getXattr: (path: string, name: string) => (name === marker.name && opaque.has(path) ? Buffer.from('y') : null),
}));

import { layersUnpacked, overlayMounted, inUpperOnly, copiedUp, whiteout, opaqueDir, upperHolds, layerCommitted, layersShared } from '../../../src/checks/layerChecks.js';
import { layersSlot, overlayPaths } from '../../../src/actions/layersState.js';
import { fakeLab } from '../../support/fakeLab.js';
import { RecordingSys } from '../../support/recordingSys.js';
import type { FileStat, InRoot } from '../../../src/sys/types.js';

const S = '/run/container-lab/session-test';
const IMG = '/cache/image';
const REF = 'org.opencontainers.image.ref.name';
const sha = (b: Buffer) => 'sha256:' + createHash('sha256').update(b).digest('hex');
const file = (path: string, text: string): TarEntry => ({ path, type: 'file', mode: 0o644, data: Buffer.from(text) });
const dir = (path: string): TarEntry => ({ path, type: 'dir', mode: 0o755 });

const LAYER1 = [dir('etc'), file('etc/motd', 'welcome\n'), file('etc/issue', 'lab\n'), dir('usr'), dir('usr/share'), dir('usr/share/hello'), file('usr/share/hello/message', 'Hello\n')];
const LAYER2 = [dir('usr'), dir('usr/bin'), file('usr/bin/hello', '#!/bin/sh\n')];
const COMMITTED = [file('new.txt', 'new\n'), dir('etc'), file('etc/motd', 'welcome\nchanged\n'), file('etc/.wh.issue', '')];

/** Writes a blob into the fake layout; returns its descriptor. */
function blob(sys: RecordingSys, bytes: Buffer) {
  sys.bytes.set(`${IMG}/blobs/sha256/${sha(bytes).slice(7)}`, bytes);
  return { digest: sha(bytes), size: bytes.length };
}

function image(sys: RecordingSys, layers: TarEntry[][]) {
  const tars = layers.map((entries) => writeTar(entries));
  const descs = tars.map((t) => blob(sys, gzipSync(t)));
  const config = blob(sys, Buffer.from(JSON.stringify({ rootfs: { type: 'layers', diff_ids: tars.map(sha) } })));
  return blob(sys, Buffer.from(JSON.stringify({ config, layers: descs })));
}

/** A session after the layers lesson's edits in c1, with c2 mounted over the same lowers. */
function session(opts: { commit?: boolean; c2Upper?: Record<string, string>; userxattr?: boolean } = {}) {
  const sys = new RecordingSys();
  const mergedReads: string[] = [];
  const latest = image(sys, [LAYER1, LAYER2]);
  const manifests = [{ ...latest, annotations: { [REF]: 'latest' } }];
  if (opts.commit) manifests.push({ ...image(sys, [LAYER1, LAYER2, COMMITTED]), annotations: { [REF]: 'committed-test' } });
  sys.files.set(`${IMG}/index.json`, JSON.stringify({ manifests }));
  for (const [n, entries] of [[1, LAYER1], [2, LAYER2]] as const) {
    for (const e of entries) {
      if (e.type === 'dir') sys.dirs.add(`${S}/layers/${n}/${e.path}`);
      else sys.files.set(`${S}/layers/${n}/${e.path}`, e.data!.toString());
    }
  }
  const c1 = overlayPaths(S, 'c1');
  const c2 = overlayPaths(S, 'c2');
  sys.files.set(`${c1.upper}/new.txt`, 'new\n');
  sys.files.set(`${c1.upper}/etc/motd`, 'welcome\nchanged\n');
  sys.stats.set(`${c1.upper}/etc/issue`, { isCharacterDevice: true, rdev: 0, mode: 0o20000 });
  sys.dirs.add(`${c1.upper}/usr/share/hello`);
  sys.stats.set(c1.upper, { ino: 501 });
  sys.dirs.add(c2.upper);
  sys.stats.set(c2.upper, { ino: 502 });
  for (const [p, t] of Object.entries(opts.c2Upper ?? {})) sys.files.set(`${c2.upper}/${p}`, t);
  opaque.clear();
  opaque.add(`${c1.upper}/usr/share/hello`);
  marker.name = opts.userxattr ? 'user.overlay.opaque' : 'trusted.overlay.opaque';
  const lower = `${S}/layers/2:${S}/layers/1`;
  const line = (id: number, c: typeof c1) => `${id} 22 0:5${id} / ${c.merged} rw,relatime - overlay overlay rw,lowerdir=${lower},upperdir=${c.upper},workdir=${c.work}${opts.userxattr ? ',userxattr' : ''}`;
  sys.files.set('/proc/1000/mountinfo', `22 1 8:1 / / rw - ext4 /dev/sda1 rw\n${line(3, c1)}\n${line(4, c2)}\n`);
  sys.files.set('/proc/self/mountinfo', '22 1 8:1 / / rw - ext4 /dev/sda1 rw\n');
  // The container process's /proc/<pid>/root<merged> shows the merged view: the upper entry wins, a
  // whiteout hides, an opaque directory stops the lowers.
  const view = (c: typeof c1, r: string): string | null => {
    if (sys.stats.get(`${c.upper}/${r}`)?.isCharacterDevice) return null;
    if (sys.files.has(`${c.upper}/${r}`)) return sys.files.get(`${c.upper}/${r}`)!;
    if (opaque.has(`${c.upper}/${r}`)) return null;
    for (const n of [2, 1]) if (sys.files.has(`${S}/layers/${n}/${r}`)) return sys.files.get(`${S}/layers/${n}/${r}`)!;
    return null;
  };
  const entries = (c: typeof c1, r: string): string[] => (opaque.has(`${c.upper}/${r}`) ? sys.readdir(`${c.upper}/${r}`) : []);
  const inRoot = sys.inRoot.bind(sys);
  sys.inRoot = <T>(root: string, use: (r: InRoot) => T): T => {
    const c = [c1, c2].find((o) => root === `/proc/1000/root${o.merged}`);
    if (!c) return inRoot(root, use);
    mergedReads.push(root);
    const missing = (p: string) => Object.assign(new Error(`ENOENT: ${p}`), { code: 'ENOENT' });
    const merged = {
      root, via: 'openat2',
      readBytes: (p: string) => Buffer.from(view(c, p) ?? (() => { throw missing(p); })()),
      readdir: (p: string) => entries(c, p),
      lstat: (p: string) => { if (view(c, p) === null) throw missing(p); return { isFile: true } as FileStat; },
      exists: (p: string) => view(c, p) !== null,
    } as unknown as InRoot;
    return use(merged);
  };
  const ctx = fakeLab({ sys });
  Object.assign(ctx.slots.use(layersSlot), { imageDir: IMG, layerDirs: [`${S}/layers/1`, `${S}/layers/2`], digests: [], containers: { c1, c2 } });
  return { ctx, sys, c1, c2, mergedReads };
}

describe('layers-unpacked', () => {
  it('passes when every blob hashes right and every entry is in its layer directory', () => {
    const { ctx } = session();
    const r = layersUnpacked.run(ctx, {});
    expect(r.ok).toBe(true);
    expect(r.detail).toMatch(/layers\/1 = sha256:.* \(7 entries\), layers\/2 = .* \(3 entries\)/);
  });

  it('fails when a layer directory lacks an entry, or nothing was unpacked', () => {
    const { ctx, sys } = session();
    sys.files.delete(`${S}/layers/1/etc/issue`);
    expect(layersUnpacked.run(ctx, {})).toEqual({ ok: false, detail: 'layers/1 lacks 1 of the layer\'s entries, e.g. etc/issue' });
    expect(layersUnpacked.run(fakeLab(), {}).ok).toBe(false);
  });

  it('fails when a blob no longer hashes to its digest', () => {
    const { ctx, sys } = session();
    const [path, bytes] = [...sys.bytes.entries()].find(([, b]) => b[0] === 0x1f)!;
    sys.bytes.set(path, Buffer.concat([bytes, Buffer.from([0])]));
    expect(layersUnpacked.run(ctx, {}).detail).toMatch(/sha256 of the blob is/);
  });
});

describe('overlay-mounted', () => {
  it('passes with the layers top first and the container\'s own upper and work, absent from the host', () => {
    const { ctx } = session();
    expect(overlayMounted.run(ctx, { container: 'c1' })).toEqual({ ok: true, detail: `overlay on ${S}/containers/c1/merged: lowerdir layers/2:layers/1, upperdir and workdir of c1; not in the host's mountinfo` });
  });

  it('fails when the host sees the mount too, or there is none', () => {
    const { ctx, sys } = session();
    expect(overlayMounted.run(ctx, { container: 'c3' }).ok).toBe(false);
    sys.files.set('/proc/self/mountinfo', sys.files.get('/proc/1000/mountinfo')!);
    expect(overlayMounted.run(ctx, { container: 'c1' }).detail).toMatch(/the host's mountinfo has/);
  });
});

describe('in-upper-only / copied-up / whiteout / opaque-dir', () => {
  it('pass for what the lesson\'s edits leave in c1', () => {
    const { ctx, sys, c1, mergedReads } = session();
    expect(inUpperOnly.run(ctx, { container: 'c1', path: 'new.txt' }).ok).toBe(true);
    expect(copiedUp.run(ctx, { container: 'c1', path: 'etc/motd' })).toMatchObject({ ok: true, detail: expect.stringMatching(/^copied up: upper etc\/motd \(16 bytes/) });
    expect(whiteout.run(ctx, { container: 'c1', path: 'etc/issue' })).toMatchObject({ ok: true, detail: expect.stringMatching(/character device 0:0.*layers\/1 still has it/) });
    expect(opaqueDir.run(ctx, { container: 'c1', path: 'usr/share/hello' })).toMatchObject({ ok: true, detail: expect.stringMatching(/layers\/1's message hidden; merged lists nothing/) });
    // merged is read through the container process's root, resolved inside it: no program runs
    expect(sys.calls.filter((c) => c.via === 'program')).toEqual([]);
    expect(new Set(mergedReads)).toEqual(new Set([`/proc/1000/root${c1.merged}`]));
  });

  it('fail when the upperdir does not show the change', () => {
    const { ctx, sys, c1 } = session();
    expect(inUpperOnly.run(ctx, { container: 'c1', path: 'etc/motd' }).detail).toBe('etc/motd is also in layers/1');
    sys.files.set(`${c1.upper}/etc/motd`, 'welcome\n');
    expect(copiedUp.run(ctx, { container: 'c1', path: 'etc/motd' }).detail).toMatch(/identical to the lower one/);
    expect(copiedUp.run(ctx, { container: 'c1', path: 'new.txt' }).detail).toMatch(/new file, not a copy-up/);
    sys.stats.set(`${c1.upper}/etc/issue`, { isCharacterDevice: true, rdev: 0x0801 });
    expect(whiteout.run(ctx, { container: 'c1', path: 'etc/issue' }).ok).toBe(false);
    opaque.clear();
    expect(opaqueDir.run(ctx, { container: 'c1', path: 'usr/share/hello' }).detail).toMatch(/trusted.overlay.opaque=\(none\)/);
  });

  it('a rootless overlay (userxattr in its mountinfo options): the marker is read as user.overlay.opaque', () => {
    const { ctx } = session({ userxattr: true });
    expect(opaqueDir.run(ctx, { container: 'c1', path: 'usr/share/hello' })).toMatchObject({ ok: true, detail: expect.stringMatching(/^upper usr\/share\/hello: user.overlay.opaque="y"/) });
    expect(upperHolds.run(ctx, { container: 'c1', only: ['new.txt', 'etc/motd', 'etc/issue', 'usr/share/hello/'] }).ok).toBe(true);
    // the same marker under the other name is no marker for this mount
    marker.name = 'trusted.overlay.opaque';
    expect(opaqueDir.run(ctx, { container: 'c1', path: 'usr/share/hello' }).detail).toMatch(/user.overlay.opaque=\(none\)/);
  });

  it('copied-up fails when the lower file no longer matches its layer\'s tar', () => {
    const { ctx, sys } = session();
    sys.files.set(`${S}/layers/1/etc/motd`, 'tampered\n');
    expect(copiedUp.run(ctx, { container: 'c1', path: 'etc/motd' }).detail).toMatch(/no longer matches layer 1's tar/);
  });
});

describe('upper-holds', () => {
  it('passes with exactly the listed changes, opaque directories with a slash', () => {
    const { ctx } = session();
    expect(upperHolds.run(ctx, { container: 'c1', only: ['new.txt', 'etc/motd', 'etc/issue', 'usr/share/hello/'] }).ok).toBe(true);
  });

  it('fails naming what is missing and what is unexpected', () => {
    const { ctx } = session();
    expect(upperHolds.run(ctx, { container: 'c1', only: ['new.txt', 'etc/motd', 'etc/passwd'] }).detail).toMatch(/unexpected: etc\/issue, usr\/share\/hello\/; missing: etc\/passwd$/);
  });
});

describe('layer-committed', () => {
  it('passes when the session\'s tag holds the image plus a layer with exactly the entries', () => {
    const { ctx } = session({ commit: true });
    expect(layerCommitted.run(ctx, { entries: ['new.txt', 'etc/motd', 'etc/.wh.issue'] })).toMatchObject({ ok: true, detail: expect.stringMatching(/holds etc\/\.wh\.issue, etc\/motd, new\.txt; tagged committed-test$/) });
  });

  it('fails without the tag, or with other entries', () => {
    expect(layerCommitted.run(session().ctx, { entries: ['new.txt'] }).detail).toBe('index.json has no "committed-test" tag');
    expect(layerCommitted.run(session({ commit: true }).ctx, { entries: ['new.txt'] }).detail).toMatch(/^the new layer holds etc\/\.wh\.issue, etc\/motd, new\.txt; expected new\.txt$/);
  });
});

describe('layers-shared', () => {
  it('passes when both overlays stack the same lowers and c1\'s changes do not show in c2', () => {
    const { ctx } = session();
    expect(layersShared.run(ctx, { containers: ['c1', 'c2'] })).toMatchObject({ ok: true, detail: expect.stringMatching(/upperdirs differ \(inodes 501, 502\); c1's 2 changed files do not show in c2$/) });
  });

  it('fails when c2 shows c1\'s change', () => {
    const { ctx } = session({ c2Upper: { 'new.txt': 'new\n' } });
    expect(layersShared.run(ctx, { containers: ['c1', 'c2'] })).toEqual({ ok: false, detail: 'c2 sees c1\'s change to new.txt' });
  });
});
