// The tests' own reading of the layers lesson's state: sha256sum, tar, stat(1), mountinfo, getxattr(2).
import { execFileSync, spawnSync } from 'node:child_process';
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import koffi from 'koffi';
import { expect } from 'vitest';
import { mountinfo } from './kernelView.js';

const lgetxattr = koffi.load('libc.so.6').func('long lgetxattr(const char *path, const char *name, _Out_ uint8_t *value, size_t size)');

export function xattr(path: string, name: string): string | null {
  const buf = Buffer.alloc(64);
  const n = Number(lgetxattr(path, name, buf, buf.length));
  return n < 0 ? null : buf.subarray(0, n).toString();
}

/** stat(1)'s file type and device numbers: "character special file 0:0" for a whiteout. */
export function statType(path: string): string {
  return execFileSync('stat', ['-c', '%F %t:%T', path], { encoding: 'utf8' }).trim();
}

export function sha256sum(path: string): string {
  return 'sha256:' + execFileSync('sha256sum', [path], { encoding: 'utf8' }).split(' ')[0];
}

export function tarTzf(blob: string): string[] {
  return execFileSync('tar', ['tzf', blob], { encoding: 'utf8' }).trim().split('\n');
}

/** The image cache as root sees it (container-lab's documented location; the test run's own, test/support/cacheDir.ts). */
export function imageDir(): string {
  return process.env.CONTAINER_LAB_IMAGE_DIR || join(process.env.CONTAINER_LAB_CACHE_DIR || '/var/cache/container-lab', 'image');
}

/** A tagged manifest's layer blobs, read from index.json and the manifest by hand. */
export function layerBlobs(dir: string, ref: string): Array<{ digest: string; blob: string }> {
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'));
  const desc = index.manifests.find((m: any) => m.annotations?.['org.opencontainers.image.ref.name'] === ref);
  expect(desc, `index.json tag ${ref}`).toBeTruthy();
  const manifest = JSON.parse(readFileSync(join(dir, 'blobs/sha256', desc.digest.slice(7)), 'utf8'));
  return manifest.layers.map((l: { digest: string }) => ({ digest: l.digest, blob: join(dir, 'blobs/sha256', l.digest.slice(7)) }));
}

/** lstat(2), not stat: the image's absolute symlinks point into the image, not at the host. */
function lexists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

function layerDirs(sessionDir: string): string[] {
  return readdirSync(join(sessionDir, 'layers')).sort((a, b) => Number(a) - Number(b)).map((n) => join(sessionDir, 'layers', n));
}

function inMerged(builder: number, script: string, ...args: string[]): { status: number | null; stdout: string } {
  const r = spawnSync('nsenter', ['--target', String(builder), '--mount', '--', 'sh', '-c', script, 'sh', ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout };
}

/** OCI names for what an upperdir holds: 0/0 devices → .wh.<name>, opaque dirs → .wh..wh..opq. */
function expectedLayerEntries(upper: string, rel = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(upper, rel)).sort()) {
    const r = rel ? `${rel}/${name}` : name;
    const path = join(upper, r);
    const st = lstatSync(path);
    if (st.isCharacterDevice() && st.rdev === 0) out.push(rel ? `${rel}/.wh.${name}` : `.wh.${name}`);
    else if (st.isDirectory()) {
      out.push(`${r}/`);
      if (xattr(path, 'trusted.overlay.opaque') === 'y') out.push(`${r}/.wh..wh..opq`);
      out.push(...expectedLayerEntries(upper, r));
    } else out.push(r);
  }
  return out;
}

export function verifyLayersStep(action: string, p: Record<string, any>, builder: number, sessionDir: string): void {
  const c = p.container ?? 'c1';
  const cdir = join(sessionDir, 'containers', c);
  const [upper, work, merged] = ['upper', 'work', 'merged'].map((d) => join(cdir, d));
  switch (action) {
    case 'unpack-layers': {
      const layers = layerBlobs(imageDir(), 'latest');
      const dirs = layerDirs(sessionDir);
      expect(dirs.length).toBe(layers.length);
      layers.forEach((l, i) => {
        expect(sha256sum(l.blob)).toBe(l.digest);
        for (const entry of tarTzf(l.blob)) expect(lexists(join(dirs[i], entry)), `${dirs[i]}/${entry}`).toBe(true);
      });
      break;
    }
    case 'mount-overlay': {
      const line = mountinfo(builder).find((l) => l.split(' ')[4] === merged && / - overlay /.test(l));
      expect(line, `overlay on ${merged} in the container's mountinfo`).toBeTruthy();
      const lower = [...layerDirs(sessionDir)].reverse().join(':');
      expect(line).toContain(`lowerdir=${lower},upperdir=${upper},workdir=${work}`);
      expect(mountinfo('self').some((l) => l.split(' ')[4] === merged)).toBe(false);
      expect(readdirSync(upper)).toEqual([]);
      break;
    }
    case 'edit-rootfs': {
      const rel = p.path.replace(/^\/+/, '');
      const lowerCopy = [...layerDirs(sessionDir)].reverse().map((d) => join(d, rel)).find(lexists);
      if (p.op === 'write') {
        expect(readFileSync(join(upper, rel), 'utf8')).toBe(p.text);
        expect(inMerged(builder, 'cat "$1"', join(merged, rel)).stdout).toBe(p.text);
      } else if (p.op === 'append') {
        const lowerText = readFileSync(lowerCopy!, 'utf8');
        expect(lowerText.endsWith(p.text)).toBe(false);
        expect(readFileSync(join(upper, rel), 'utf8')).toBe(lowerText + p.text);
        expect(lstatSync(join(upper, rel)).ino).not.toBe(lstatSync(lowerCopy!).ino);
      } else if (p.op === 'delete') {
        expect(statType(join(upper, rel))).toBe('character special file 0:0');
        expect(lowerCopy, 'a lower layer still has it').toBeTruthy();
        expect(inMerged(builder, 'test -e "$1"', join(merged, rel)).status).toBe(1);
      } else if (p.op === 'replace-dir') {
        expect(xattr(join(upper, rel), 'trusted.overlay.opaque')).toBe('y');
        expect(readdirSync(lowerCopy!).length).toBeGreaterThan(0);
        expect(inMerged(builder, 'ls -A "$1"', join(merged, rel)).stdout).toBe('');
      }
      break;
    }
    case 'commit-layer': {
      const id = basename(sessionDir).slice('session-'.length).toLowerCase().replace(/[^a-z0-9]/g, 'x');
      const layers = layerBlobs(imageDir(), `committed-${id}`);
      const base = layerBlobs(imageDir(), 'latest');
      expect(layers.slice(0, -1).map((l) => l.digest)).toEqual(base.map((l) => l.digest));
      const top = layers[layers.length - 1];
      expect(sha256sum(top.blob)).toBe(top.digest);
      expect(tarTzf(top.blob).sort()).toEqual(expectedLayerEntries(upper).sort());
      break;
    }
    default:
      throw new Error(`no kernel verification for ${action}`);
  }
}
