// The lab image for real, as root: built into a temp cache, checked with sha256sum and tar, run with chroot.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import koffi from 'koffi';
import { ensureLabImage, readLabImage, unpackLayer, unpackRootfs, type LabImage, type LabImageLayer } from '../../src/image/labImage.js';
import { readImageRef } from '../../src/image/verify.js';
import { commitUpperDir } from '../../src/image/commit.js';
import { writeTar, type TarEntry } from '../../src/image/tarLayer.js';
import { packageRoot } from '../../src/sys/packageRoot.js';
import { describeAsRoot } from '../support/requireRoot.js';
import { labMountsOnHost } from '../support/kernelView.js';

const cli = join(packageRoot(), 'dist/app/main.js');
const sha = (b: Buffer) => 'sha256:' + createHash('sha256').update(b).digest('hex');

/** The test's own getxattr(2) binding: independent of the app's. */
const lgetxattr = koffi.load('libc.so.6').func('long lgetxattr(const char *path, const char *name, _Out_ uint8_t *value, size_t size)');
function xattr(path: string, name: string): string | null {
  const buf = Buffer.alloc(64);
  const n = Number(lgetxattr(path, name, buf, buf.length));
  return n < 0 ? null : buf.subarray(0, n).toString();
}

/** stat(1): "character special file 0:0" for a whiteout. */
function statType(path: string): string {
  return execFileSync('stat', ['-c', '%F %t:%T', path], { encoding: 'utf8' }).trim();
}

function tarList(blob: string): string[] {
  return execFileSync('tar', ['tzf', blob], { encoding: 'utf8' }).trim().split('\n');
}

function chrootRun(rootfs: string, argv: string[]): string {
  return execFileSync('chroot', [rootfs, ...argv], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin:/usr/sbin:/sbin' } });
}

describeAsRoot('the lab image, for real', () => {
  let tmp: string;
  let image: LabImage;

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'container-lab-image-test-'));
    // busybox-static is a test dependency (scripts/setup --test): no skipping the busybox source.
    image = await ensureLabImage({ cacheDir: join(tmp, 'cache'), source: 'busybox' });
  });

  afterAll(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
    expect(labMountsOnHost()).toEqual([]);
  });

  it('every blob\'s sha256 (by sha256sum) is its file name; manifest and config read by hand agree', () => {
    const blobs = join(image.dir, 'blobs', 'sha256');
    const lines = execFileSync('sha256sum', readdirSync(blobs), { cwd: blobs, encoding: 'utf8' }).trim().split('\n');
    expect(lines.length).toBe(4); // manifest, config, two layers
    for (const line of lines) {
      const [hash, name] = line.split(/\s+/);
      expect(hash).toBe(name);
    }
    const index = JSON.parse(readFileSync(join(image.dir, 'index.json'), 'utf8'));
    const manifest = JSON.parse(readFileSync(join(blobs, index.manifests[0].digest.slice(7)), 'utf8'));
    const config = JSON.parse(readFileSync(join(blobs, manifest.config.digest.slice(7)), 'utf8'));
    expect(manifest.layers.map((l: { digest: string }) => l.digest)).toEqual(image.layers.map((l) => l.digest));
    const diffIds = manifest.layers.map((l: { digest: string }) => 'sha256:' + execFileSync('sh', ['-c', `gzip -dc < "${join(blobs, l.digest.slice(7))}" | sha256sum`], { encoding: 'utf8' }).split(' ')[0]);
    expect(config.rootfs.diff_ids).toEqual(diffIds);
  });

  it('GNU tar lists the layers: busybox and its applet links in the base, /usr/bin/hello in the app layer', () => {
    const base = tarList(image.layers[0].blob);
    for (const p of ['bin/', 'bin/busybox', 'bin/sh', 'etc/passwd', 'etc/group', 'etc/hostname', 'proc/', 'sys/', 'dev/', 'tmp/']) expect(base).toContain(p);
    expect(tarList(image.layers[1].blob)).toContain('usr/bin/hello');
    const verbose = execFileSync('tar', ['tvzf', image.layers[0].blob], { encoding: 'utf8' });
    expect(verbose).toMatch(/^lrwxrwxrwx root\/root\s+0 1970-01-01 00:00 bin\/sh -> \/bin\/busybox$/m);
    expect(verbose).toMatch(/^drwxrwxrwt root\/root\s+0 1970-01-01 00:00 tmp\/$/m);
  });

  it('unpacked into one directory, it runs: chroot <dir> /usr/bin/hello prints the greeting', async () => {
    const rootfs = join(tmp, 'rootfs');
    await unpackRootfs(image, rootfs);
    const out = chrootRun(rootfs, ['/usr/bin/hello']);
    expect(out).toMatch(/^Hello from inside a container!$/m);
    expect(out).toMatch(new RegExp(`^I am PID \\d+ on host ${hostname()}\\.$`, 'm'));
    // As a container's first process, in PID and UTS namespaces of its own: PID 1, its own name.
    const inside = execFileSync('unshare', ['--pid', '--fork', '--uts', 'chroot', rootfs, '/bin/sh', '-c', 'hostname box && exec /usr/bin/hello'], { encoding: 'utf8' });
    expect(inside).toMatch(/^I am PID 1 on host box\.$/m);
  });

  it('built from the host\'s own binaries instead, it runs too', async () => {
    const hostImage = await ensureLabImage({ cacheDir: join(tmp, 'host-cache'), source: 'host-binaries' });
    const rootfs = join(tmp, 'host-rootfs');
    await unpackRootfs(hostImage, rootfs);
    expect(lstatSync(join(rootfs, 'bin', 'sh')).isFile()).toBe(true);
    expect(chrootRun(rootfs, ['/usr/bin/hello'])).toMatch(/^I am PID \d+ on host /m);
    expect(chrootRun(rootfs, ['/bin/ls', '/usr/share/hello']).split('\n')).toContain('message');
  });

  it('an image from the host\'s binaries is replaced by a busybox build when a step needs httpd, with one line saying why', async () => {
    const dir = join(tmp, 'upgrade-cache');
    expect((await ensureLabImage({ cacheDir: dir, source: 'host-binaries' })).source).toBe('host-binaries');
    const said: string[] = [];
    const image = await ensureLabImage({ cacheDir: dir, needs: ['httpd'], onMessage: (l) => said.push(l) });
    expect(said[0]).toBe('the cached lab image has no httpd, which this step needs: rebuilding it from the host\'s static busybox');
    expect(said.slice(1).map((l) => l.replace(/\d+ ms/, 'N ms').replace(/sha256:\w+…?/, 'D'))).toEqual([
      `building the lab image from the host's static busybox into ${dir}`, 'built in N ms: 2 layers, manifest D',
    ]);
    // Read by hand: the layout in place is the busybox one, with httpd; the record says so; nothing left beside it.
    const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'));
    expect(index.manifests[0].digest).toBe(image.manifestDigest);
    expect(tarList(image.layers[0].blob)).toEqual(expect.arrayContaining(['bin/busybox', 'bin/sh']));
    const rootfs = join(tmp, 'upgrade-rootfs');
    await unpackRootfs(image, rootfs);
    expect(chrootRun(rootfs, ['/bin/sh', '-c', 'command -v httpd'])).toMatch(/httpd\n$/);
    const record = JSON.parse(readFileSync(join(dir, 'container-lab-build.json'), 'utf8'));
    const busybox = execFileSync('sh', ['-c', 'readlink -f "$(command -v busybox)"'], { encoding: 'utf8' }).trim();
    expect(record).toMatchObject({ source: 'busybox', manifestDigest: image.manifestDigest, busybox: { path: busybox, size: Number(execFileSync('stat', ['-c', '%s', busybox], { encoding: 'utf8' })) } });
    expect(record.programs).toContain('httpd');
    expect(readdirSync(tmp).filter((n) => n.startsWith('.upgrade-cache.old-') || n.startsWith('.image-build-'))).toEqual([]);
    // Used as it is from now on.
    said.length = 0;
    expect((await ensureLabImage({ cacheDir: dir, needs: ['httpd'], onMessage: (l) => said.push(l) })).manifestDigest).toBe(image.manifestDigest);
    expect(said).toEqual([]);
  });

  it('`container-lab image` replaces a cache built from the host\'s binaries now that a static busybox is there, saying so', async () => {
    const dir = join(tmp, 'cli-upgrade-cache');
    await ensureLabImage({ cacheDir: dir, source: 'host-binaries' });
    const r = spawnSync(process.execPath, [cli, 'image'], { encoding: 'utf8', env: { ...process.env, CONTAINER_LAB_IMAGE_DIR: dir, NO_COLOR: '1' } });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^a static busybox is on this host now \(\/\S+\), and the cached lab image was built from the host's own binaries: rebuilding it from busybox$/);
    expect(r.stdout).toMatch(/^source {5}static busybox from this host$/m);
    expect(r.stdout).toMatch(/^built {6}from \/\S+ \(.+\): \d+ programs on PATH, builder format \d+$/m);
  });

  it('OCI whiteouts unpack as overlay whiteouts (char 0:0) and opaque dirs (trusted.overlay.opaque=y)', async () => {
    const entries: TarEntry[] = [
      { path: 'etc', type: 'dir', mode: 0o755 },
      { path: 'etc/.wh.issue', type: 'file', mode: 0o600 },
      { path: 'usr/share/hello', type: 'dir', mode: 0o755 },
      { path: 'usr/share/hello/.wh..wh..opq', type: 'file', mode: 0o600 },
      { path: 'usr/share/hello/message', type: 'file', mode: 0o644, data: Buffer.from('new\n') },
    ];
    const layer = fakeLayer(join(tmp, 'wh-layer'), entries);
    const dest = join(tmp, 'wh-unpacked');
    const written = await unpackLayer(layer, dest);
    expect(written).toContain(join(dest, 'etc', 'issue'));
    expect(statType(join(dest, 'etc', 'issue'))).toBe('character special file 0:0');
    expect(existsSync(join(dest, 'etc', '.wh.issue'))).toBe(false);
    expect(xattr(join(dest, 'usr/share/hello'), 'trusted.overlay.opaque')).toBe('y');
    expect(existsSync(join(dest, 'usr/share/hello/.wh..wh..opq'))).toBe(false);
    // Applied onto the image as one rootfs, the same layer deletes instead.
    const rootfs = join(tmp, 'wh-rootfs');
    await unpackRootfs({ ...image, layers: [...image.layers, layer] }, rootfs);
    expect(existsSync(join(rootfs, 'etc', 'issue'))).toBe(false);
    expect(existsSync(join(rootfs, 'etc', 'motd'))).toBe(true);
    expect(readdirSync(join(rootfs, 'usr/share/hello'))).toEqual(['message']);
  });

  it('refuses a digest mismatch and a path through a symlink when unpacking', async () => {
    const layer = fakeLayer(join(tmp, 'evil-layer'), [
      { path: 'escape', type: 'symlink', mode: 0o777, linkname: tmp },
      { path: 'escape/pwned', type: 'file', mode: 0o644, data: Buffer.from('x') },
    ]);
    await expect(unpackLayer(layer, join(tmp, 'evil'))).rejects.toThrow(/through the symlink/);
    expect(existsSync(join(tmp, 'pwned'))).toBe(false);
    await expect(unpackLayer({ ...layer, digest: sha(Buffer.from('other')) }, join(tmp, 'evil2'))).rejects.toThrow(/has sha256/);
  });

  it('commit: a real overlay upperdir becomes a layer with .wh. entries, and the new image runs', async () => {
    const dir = join(tmp, 'commit-cache');
    cpSync(image.dir, dir, { recursive: true });
    const base = readLabImage(dir);
    const s = join(tmp, 'commit');
    const lowers = base.layers.map((_, i) => join(s, 'layers', String(i + 1)));
    for (const [i, l] of base.layers.entries()) await unpackLayer(l, lowers[i]);
    for (const d of ['upper', 'work', 'merged']) mkdirSync(join(s, d), { recursive: true });
    const script = [
      `mount -t overlay overlay -o lowerdir=${[...lowers].reverse().join(':')},upperdir=${s}/upper,workdir=${s}/work ${s}/merged`,
      `cd ${s}/merged`,
      'echo new > new.txt', 'echo more >> etc/motd', 'rm etc/issue',
      'rm -r usr/share/hello', 'mkdir usr/share/hello', 'echo "Hello from a commit!" > usr/share/hello/message',
    ].join(' && ');
    execFileSync('unshare', ['-m', '--propagation', 'private', 'sh', '-c', script]);
    expect(statType(join(s, 'upper/etc/issue'))).toBe('character special file 0:0');

    const result = commitUpperDir({ imageDir: dir, upper: join(s, 'upper'), ref: 'committed-test', createdBy: 'test commit' });
    const blob = result.layer.blob;
    expect(execFileSync('sha256sum', [blob], { encoding: 'utf8' }).split(' ')[0]).toBe(result.layer.digest.slice(7));
    expect(tarList(blob).sort()).toEqual(['etc/', 'etc/.wh.issue', 'etc/motd', 'new.txt', 'usr/', 'usr/share/', 'usr/share/hello/', 'usr/share/hello/.wh..wh..opq', 'usr/share/hello/message'].sort());
    expect(() => readLabImage(dir)).not.toThrow();
    const committed = readImageRef(dir, 'committed-test');
    expect(committed.layers.map((l) => l.digest)).toEqual([...base.layers.map((l) => l.digest), result.layer.digest]);

    const rootfs = join(tmp, 'committed-rootfs');
    await unpackRootfs(committed, rootfs);
    expect(chrootRun(rootfs, ['/usr/bin/hello'])).toMatch(/^Hello from a commit!$/m);
    expect(existsSync(join(rootfs, 'etc/issue'))).toBe(false);
    expect(existsSync(join(rootfs, 'usr/share/hello/README'))).toBe(false);
    expect(readFileSync(join(rootfs, 'etc/motd'), 'utf8')).toMatch(/more\n$/);

    // The same changes give the same layer: fixed times and owners in the tar.
    const again = commitUpperDir({ imageDir: dir, upper: join(s, 'upper'), ref: 'committed-test-2', createdBy: 'again' });
    expect(again.layer.digest).toBe(result.layer.digest);
    expect([result.layerWritten, again.layerWritten]).toEqual([true, false]);
  });

  it('`container-lab image` builds on first use (saying so), then lists layers, digests and sizes', () => {
    const env = { ...process.env, CONTAINER_LAB_IMAGE_DIR: join(tmp, 'cli-cache'), NO_COLOR: '1' };
    const first = spawnSync(process.execPath, [cli, 'image'], { encoding: 'utf8', env });
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/building the lab image/);
    const second = spawnSync(process.execPath, [cli, 'image'], { encoding: 'utf8', env });
    expect(second.status).toBe(0);
    expect(second.stdout).not.toMatch(/building/);
    const built = readLabImage(join(tmp, 'cli-cache'));
    expect(second.stdout).toContain(join(tmp, 'cli-cache'));
    expect(second.stdout).toContain(`manifest   ${built.manifestDigest.slice(0, 19)}  ${built.manifestDigest}`);
    for (const l of built.layers) {
      expect(second.stdout).toContain(l.digest);
      expect(second.stdout).toContain(l.digest.slice(0, 19));
    }
    expect(second.stdout).toMatch(/1\.0 MiB|\d+\.\d KiB/);
  });

  it('`container-lab image` exits 1 with the reason when there is no busybox and no ldd', () => {
    const r = spawnSync(process.execPath, [cli, 'image'], {
      encoding: 'utf8',
      env: { PATH: join(tmp, 'empty-path'), CONTAINER_LAB_IMAGE_DIR: join(tmp, 'never-built'), NO_COLOR: '1' },
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/cannot build the lab image: there is no static busybox on PATH, and ldd is missing/);
    expect(r.stderr).toMatch(/fix: install busybox-static/);
    expect(existsSync(join(tmp, 'never-built'))).toBe(false);
  });
});

/** A layer blob made by hand (not in any layout), for unpack tests. */
function fakeLayer(dir: string, entries: TarEntry[]): LabImageLayer {
  mkdirSync(dir, { recursive: true });
  const tar = writeTar(entries);
  const gz = gzipSync(tar);
  const blob = join(dir, sha(gz).slice(7));
  writeFileSync(blob, gz);
  return { digest: sha(gz), diffId: sha(tar), size: gz.length, blob, createdBy: 'test' };
}
