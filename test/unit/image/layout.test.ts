// The lab image as an OCI image layout: files, media types, digests, diff_ids, layers; both sources; reproducible.
import { afterAll, describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { ensureLabImage, imageCacheDir, type LabImage } from '../../../src/image/labImage.js';
import { readTar } from '../../../src/image/tarLayer.js';
import { findStaticBusybox } from '../../../src/image/busybox.js';
import { BUILDER_FORMAT, PROVENANCE_FILE, readProvenance } from '../../../src/image/provenance.js';
import { whichProgram } from '../../../native/findProgram.js';

const sha = (b: Buffer) => 'sha256:' + createHash('sha256').update(b).digest('hex');
const tmp = mkdtempSync(join(tmpdir(), 'cl-image-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const blob = (dir: string, digest: string) => readFileSync(join(dir, 'blobs', 'sha256', digest.slice(7)));
const json = (b: Buffer) => JSON.parse(b.toString('utf8'));

const sources = [
  { source: 'busybox' as const, available: findStaticBusybox() !== null },
  { source: 'host-binaries' as const, available: whichProgram('ldd') !== null },
];

describe('imageCacheDir', () => {
  it('root: /var/cache; others: XDG_CACHE_HOME or ~/.cache; an override wins', () => {
    expect(imageCacheDir(0, {})).toBe('/var/cache/container-lab/image');
    expect(imageCacheDir(1000, { XDG_CACHE_HOME: '/x/cache', HOME: '/home/a' })).toBe('/x/cache/container-lab/image');
    expect(imageCacheDir(1000, { HOME: '/home/a' })).toBe('/home/a/.cache/container-lab/image');
    expect(imageCacheDir(0, { CONTAINER_LAB_IMAGE_DIR: '/elsewhere' })).toBe('/elsewhere');
  });
});

for (const { source, available } of sources) {
  describe.runIf(available)(`the lab image from ${source}`, () => {
    const dirA = join(tmp, `${source}-a`);
    const dirB = join(tmp, `${source}-b`);
    let image: LabImage;
    const messages: string[] = [];

    it('is built on first use, saying so', async () => {
      image = await ensureLabImage({ cacheDir: dirA, source, onMessage: (m) => messages.push(m) });
      expect(messages.join('\n')).toMatch(/building the lab image/);
      expect(image).toMatchObject({ dir: dirA, source, cmd: ['/usr/bin/hello'] });
      expect(image.layers.length).toBeGreaterThanOrEqual(2);
    });

    it('records what it was built from beside the layout: source, busybox file, programs on PATH, builder format', () => {
      const record = readProvenance(dirA);
      if (!('provenance' in record)) throw new Error(record.missing);
      const p = record.provenance;
      expect(p).toMatchObject({ format: BUILDER_FORMAT, source, manifestDigest: image.manifestDigest });
      expect(p.programs).toEqual(expect.arrayContaining(['sh', 'ls', 'hostname']));
      if (source === 'busybox') {
        const busybox = findStaticBusybox()!;
        expect(p.busybox).toEqual({ path: busybox, size: statSync(busybox).size, mtimeMs: statSync(busybox).mtimeMs });
        expect(p.programs).toContain('busybox');
      } else {
        expect(p.busybox).toBeNull();
      }
    });

    it('a cache with no build record (an older container-lab made it) is rebuilt once, saying why', async () => {
      const dirC = join(tmp, `${source}-c`);
      cpSync(dirA, dirC, { recursive: true });
      rmSync(join(dirC, PROVENANCE_FILE));
      const said: string[] = [];
      const rebuilt = await ensureLabImage({ cacheDir: dirC, source, onMessage: (m) => said.push(m) });
      expect(said[0]).toBe(`the cached lab image in ${dirC} has no record of how it was built (no ${PROVENANCE_FILE}); building it again`);
      expect(rebuilt.manifestDigest).toBe(image.manifestDigest);
      said.length = 0;
      await ensureLabImage({ cacheDir: dirC, source, onMessage: (m) => said.push(m) });
      expect(said).toEqual([]);
    });

    it('is an OCI image layout: oci-layout, index.json, manifest, config, gzip layers under blobs/sha256', () => {
      expect(json(readFileSync(join(dirA, 'oci-layout')))).toEqual({ imageLayoutVersion: '1.0.0' });
      const index = json(readFileSync(join(dirA, 'index.json')));
      expect(index).toMatchObject({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json' });
      expect(index.manifests).toHaveLength(1);
      const desc = index.manifests[0];
      expect(desc).toMatchObject({ mediaType: 'application/vnd.oci.image.manifest.v1+json', annotations: { 'org.opencontainers.image.ref.name': 'latest' } });
      const manifestBytes = blob(dirA, desc.digest);
      expect(sha(manifestBytes)).toBe(desc.digest);
      expect(manifestBytes.length).toBe(desc.size);
      expect(desc.digest).toBe(image.manifestDigest);
      const manifest = json(manifestBytes);
      expect(manifest.config.mediaType).toBe('application/vnd.oci.image.config.v1+json');
      const config = json(blob(dirA, manifest.config.digest));
      expect(config).toMatchObject({ os: 'linux', rootfs: { type: 'layers' }, config: { Cmd: ['/usr/bin/hello'] } });
      expect(config.history).toHaveLength(manifest.layers.length);
      for (const [i, layer] of manifest.layers.entries()) {
        expect(layer.mediaType).toBe('application/vnd.oci.image.layer.v1.tar+gzip');
        const gz = blob(dirA, layer.digest);
        expect(sha(gz)).toBe(layer.digest);
        expect(gz.length).toBe(layer.size);
        expect(gz.subarray(0, 2).toString('hex')).toBe('1f8b');
        expect(sha(gunzipSync(gz))).toBe(config.rootfs.diff_ids[i]);
        expect(image.layers[i]).toMatchObject({ digest: layer.digest, diffId: config.rootfs.diff_ids[i], size: layer.size, blob: join(dirA, 'blobs', 'sha256', layer.digest.slice(7)) });
        expect(image.layers[i].createdBy).toBe(config.history[i].created_by);
      }
    });

    it('has a base layer with binaries, /etc and empty mount points, and an app layer with /usr/bin/hello', () => {
      const [base, app] = image.layers.map((l) => new Map(readTar(gunzipSync(readFileSync(l.blob))).map((e) => [e.path, e])));
      for (const d of ['proc', 'sys', 'dev', 'tmp']) expect(base.get(d)?.type, d).toBe('dir');
      expect(base.get('tmp')?.mode).toBe(0o1777);
      expect(base.get('etc/passwd')?.data?.toString()).toMatch(/^root:x:0:0:/);
      expect(base.get('etc/group')?.data?.toString()).toMatch(/^root:x:0:/);
      expect(base.get('etc/hostname')?.data?.toString()).toBe('container-lab\n');
      if (source === 'busybox') {
        expect(base.get('bin/busybox')?.type).toBe('file');
        expect(base.get('bin/sh')).toMatchObject({ type: 'symlink', linkname: '/bin/busybox' });
        expect(base.get('bin/hostname')?.linkname).toBe('/bin/busybox');
      } else {
        expect(base.get('bin/sh')?.type).toBe('file');
        expect(base.get('bin/hostname')?.type).toBe('file');
        // the dynamic loader every program names in PT_INTERP, at that path
        expect([...base.keys()].some((p) => /^lib(64)?\/.*ld-linux.*\.so/.test(p))).toBe(true);
        expect([...base.keys()].some((p) => /libc\.so\.6$/.test(p))).toBe(true);
      }
      const hello = app.get('usr/bin/hello');
      expect(hello).toMatchObject({ type: 'file', mode: 0o755 });
      expect(hello?.data?.toString()).toMatch(/^#!\/bin\/sh\n/);
      expect(hello?.data?.toString()).toMatch(/\$\$/);
      expect(hello?.data?.toString()).toMatch(/hostname/);
      for (const e of [...base.values(), ...app.values()]) expect([e.uid, e.gid, e.mtime]).toEqual([0, 0, 0]);
    });

    it('is reproducible: a second build elsewhere gives the same digests', async () => {
      const again = await ensureLabImage({ cacheDir: dirB, source });
      expect(again.manifestDigest).toBe(image.manifestDigest);
      expect(again.configDigest).toBe(image.configDigest);
      expect(again.layers.map((l) => l.digest)).toEqual(image.layers.map((l) => l.digest));
    });

    it('is used from the cache the next time, without a rebuild', async () => {
      const said: string[] = [];
      const cached = await ensureLabImage({ cacheDir: dirA, source, onMessage: (m) => said.push(m) });
      expect(said).toEqual([]);
      expect(cached.manifestDigest).toBe(image.manifestDigest);
      expect(existsSync(join(dirA, '.incoming'))).toBe(false);
    });
  });
}
