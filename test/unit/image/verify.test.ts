// Reading the image verifies it: tampered blobs, wrong sizes, wrong diff_ids and broken layouts are refused and rebuilt.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { ensureLabImage, ImageError, readLabImage, type LabImage } from '../../../src/image/labImage.js';
import { chooseSource } from '../../../src/image/build.js';

const sha = (b: Buffer) => 'sha256:' + createHash('sha256').update(b).digest('hex');
const tmp = mkdtempSync(join(tmpdir(), 'cl-verify-test-'));
const pristine = join(tmp, 'pristine');
let image: LabImage;
let n = 0;

beforeAll(async () => {
  image = await ensureLabImage({ cacheDir: pristine, source: chooseSource() });
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function copy(): string {
  const dir = join(tmp, `case-${++n}`);
  cpSync(pristine, dir, { recursive: true });
  return dir;
}

const blobFile = (dir: string, digest: string) => join(dir, 'blobs', 'sha256', digest.slice(7));
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

/** Writes a JSON blob under its real digest: the layout stays self-consistent except for what a test breaks. */
function putBlob(dir: string, value: unknown): { digest: string; size: number } {
  const data = Buffer.from(JSON.stringify(value));
  writeFileSync(blobFile(dir, sha(data)), data);
  return { digest: sha(data), size: data.length };
}

/** Rewrites the tagged manifest (and, through `config`, its config), then index.json. */
function rewrite(dir: string, change: { manifest?: (m: any) => void; config?: (c: any) => void }): void {
  const index = readJson(join(dir, 'index.json'));
  const manifest = readJson(blobFile(dir, index.manifests[0].digest));
  if (change.config) {
    const config = readJson(blobFile(dir, manifest.config.digest));
    change.config(config);
    Object.assign(manifest.config, putBlob(dir, config));
  }
  change.manifest?.(manifest);
  Object.assign(index.manifests[0], putBlob(dir, manifest));
  writeFileSync(join(dir, 'index.json'), JSON.stringify(index));
}

function refused(dir: string): string {
  try {
    readLabImage(dir);
  } catch (error) {
    expect(error).toBeInstanceOf(ImageError);
    expect((error as ImageError).hint).toMatch(/remove .* builds the image again/);
    return (error as Error).message;
  }
  throw new Error('readLabImage accepted a broken layout');
}

describe('verification', () => {
  it('accepts the image as built', () => {
    expect(readLabImage(pristine).manifestDigest).toBe(image.manifestDigest);
  });

  it('refuses a tampered blob (content no longer matches its name)', () => {
    const dir = copy();
    const path = image.layers[1].blob.replace(pristine, dir);
    const data = readFileSync(path);
    data[data.length - 20] ^= 1;
    writeFileSync(path, data);
    expect(refused(dir)).toMatch(new RegExp(`blobs/sha256/${image.layers[1].digest.slice(7, 19)}.*tampered or truncated`));
  });

  it('refuses a truncated blob', () => {
    const dir = copy();
    const path = image.layers[0].blob.replace(pristine, dir);
    writeFileSync(path, readFileSync(path).subarray(0, 1000));
    expect(refused(dir)).toMatch(/tampered or truncated/);
  });

  it('refuses a layer whose size differs from its descriptor', () => {
    const dir = copy();
    rewrite(dir, { manifest: (m) => { m.layers[0].size += 1; } });
    expect(refused(dir)).toMatch(new RegExp(`layer 1: blob .* is ${image.layers[0].size} bytes, the descriptor says ${image.layers[0].size + 1}`));
  });

  it('refuses a config whose diff_id does not match the uncompressed layer', () => {
    const dir = copy();
    rewrite(dir, { config: (c) => { c.rootfs.diff_ids[1] = sha(Buffer.from('something else')); } });
    expect(refused(dir)).toMatch(/layer 2: uncompressed sha256 is .* config diff_ids says/);
  });

  it('refuses a descriptor pointing at a missing blob', () => {
    const dir = copy();
    unlinkSync(image.layers[0].blob.replace(pristine, dir));
    expect(refused(dir)).toMatch(/layer 1: blob .* is missing/);
  });

  it('refuses a layout without oci-layout, without the tag, or with a wrong media type', () => {
    const a = copy();
    unlinkSync(join(a, 'oci-layout'));
    expect(refused(a)).toMatch(/no oci-layout/);
    const b = copy();
    const index = readJson(join(b, 'index.json'));
    index.manifests[0].annotations['org.opencontainers.image.ref.name'] = 'other';
    writeFileSync(join(b, 'index.json'), JSON.stringify(index));
    expect(refused(b)).toMatch(/no manifest tagged "latest"/);
    const c = copy();
    rewrite(c, { manifest: (m) => { m.layers[0].mediaType = 'application/vnd.oci.image.layer.v1.tar'; } });
    expect(refused(c)).toMatch(/layer 1 has media type application\/vnd.oci.image.layer.v1.tar,/);
    const d = copy();
    writeFileSync(join(d, 'blobs', 'sha256', 'not-a-digest'), 'x');
    expect(refused(d)).toMatch(/not named by a sha256 digest/);
  });

  it('a bad cache is rebuilt, with a message saying what was wrong, never used', async () => {
    const dir = copy();
    const path = image.layers[0].blob.replace(pristine, dir);
    const data = readFileSync(path);
    data[100] ^= 0xff;
    writeFileSync(path, data);
    const said: string[] = [];
    const rebuilt = await ensureLabImage({ cacheDir: dir, onMessage: (m) => said.push(m) });
    expect(said[0]).toMatch(/is not usable \(blobs\/sha256\/.*tampered or truncated\); building it again/);
    expect(said.join('\n')).toMatch(/building the lab image/);
    expect(rebuilt.manifestDigest).toBe(image.manifestDigest);
    expect(() => readLabImage(dir)).not.toThrow();
    expect(readFileSync(path).equals(readFileSync(image.layers[0].blob))).toBe(true);
  });

  it('never replaces a directory that holds anything besides an image layout', async () => {
    const dir = join(tmp, 'not-an-image');
    mkdirSync(dir);
    writeFileSync(join(dir, 'my-notes.txt'), 'mine');
    await expect(ensureLabImage({ cacheDir: dir })).rejects.toThrow(/holds more than an image layout/);
    expect(existsSync(join(dir, 'my-notes.txt'))).toBe(true);
  });
});
