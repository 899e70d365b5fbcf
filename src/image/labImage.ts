// The lab image's public API: where it is cached, build-on-first-use, verified reading, unpacking.
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { buildLayout, chooseSource, type ImageSource } from './build.js';
import { shortDigest } from './digest.js';
import { discardLayout } from './ociLayout.js';
import { ImageError, readLabImage } from './verify.js';

export interface LabImageLayer {
  /** sha256 of the gzip blob: the layer's name in the manifest */
  digest: string;
  /** sha256 of the uncompressed tar: config.rootfs.diff_ids */
  diffId: string;
  /** compressed size in bytes */
  size: number;
  /** absolute path of the gzip blob */
  blob: string;
  createdBy: string;
}

export interface LabImage {
  dir: string;
  manifestDigest: string;
  configDigest: string;
  /** bottom layer first, as in the manifest */
  layers: LabImageLayer[];
  cmd: string[];
  source: ImageSource;
}

export { ImageError, readLabImage } from './verify.js';
export { unpackLayer, unpackRootfs } from './unpack.js';

/**
 * Root: /var/cache/container-lab/image (FHS: data an application can rebuild). Otherwise
 * $XDG_CACHE_HOME/container-lab/image, or ~/.cache/container-lab/image.
 * CONTAINER_LAB_IMAGE_DIR overrides both (tests, read-only homes).
 */
export function imageCacheDir(euid: number = process.geteuid?.() ?? 0, env: NodeJS.ProcessEnv = process.env): string {
  if (env.CONTAINER_LAB_IMAGE_DIR) return env.CONTAINER_LAB_IMAGE_DIR;
  if (euid === 0) return '/var/cache/container-lab/image';
  const base = env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache');
  return join(base, 'container-lab', 'image');
}

const LAYOUT_NAMES = /^(oci-layout|index\.json|blobs|\.incoming|\.index\.json\.\d+)$/;

/** Only a directory holding nothing but layout files is ever replaced: never a user's own directory. */
function replaceable(dir: string): boolean {
  try {
    return statSync(dir).isDirectory() && readdirSync(dir).every((n) => LAYOUT_NAMES.test(n));
  } catch {
    return false;
  }
}

/** Build directories and replaced images that a crash left beside the cache, older than an hour. */
function sweepStale(dir: string): void {
  const parent = dirname(dir);
  const prefix = [`.image-build-`, `.${basename(dir)}.old-`];
  try {
    for (const name of readdirSync(parent)) {
      if (!prefix.some((p) => name.startsWith(p))) continue;
      const path = join(parent, name);
      if (Date.now() - statSync(path).mtimeMs > 3600_000) rmSync(path, { recursive: true, force: true });
    }
  } catch {
    // nothing to sweep
  }
}

/** Moves a finished build into place; a concurrent builder that got there first wins. */
function install(built: string, dir: string): void {
  let old: string | null = null;
  if (existsSync(dir)) {
    if (!replaceable(dir)) {
      discardLayout(built);
      throw new ImageError(`${dir} exists and holds more than an image layout: not replacing it`, dir);
    }
    old = join(dirname(dir), `.${basename(dir)}.old-${process.pid}-${Date.now()}`);
    try {
      renameSync(dir, old);
    } catch {
      old = null; // someone else moved it first
    }
  }
  try {
    renameSync(built, dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    discardLayout(built);
    if (code !== 'EEXIST' && code !== 'ENOTEMPTY') throw error;
  }
  if (old) rmSync(old, { recursive: true, force: true });
}

/** The cached image if it verifies (and is from the wanted source), else null with the reason said. */
function cached(dir: string, source: ImageSource | undefined, say: (line: string) => void): ReturnType<typeof readLabImage> | null {
  if (!existsSync(dir)) return null;
  try {
    const image = readLabImage(dir);
    if (source && image.source !== source) {
      say(`the cached image in ${dir} was built from ${image.source}; building it from ${source} as asked`);
      return null;
    }
    return image;
  } catch (error) {
    if (!(error instanceof ImageError)) throw error;
    say(`the cached image in ${dir} is not usable (${error.message}); building it again`);
    return null;
  }
}

/**
 * The lab image, built on first use (offline, from the host) and verified on every use. A cache
 * that fails verification is never used: it is rebuilt, and onMessage says what was wrong.
 */
export async function ensureLabImage(opts: { cacheDir?: string; onMessage?: (line: string) => void; source?: ImageSource } = {}): Promise<LabImage> {
  const dir = opts.cacheDir ?? imageCacheDir();
  const say = opts.onMessage ?? (() => {});
  const found = cached(dir, opts.source, say);
  if (found) return found;
  const source = opts.source ?? chooseSource();
  say(`building the lab image from ${source === 'busybox' ? 'the host\'s static busybox' : 'the host\'s own binaries'} into ${dir}`);
  const started = performance.now();
  sweepStale(dir);
  const built = buildLayout(dir, source);
  // Another process may have built it meanwhile (same host, same digests): keep theirs.
  if (cached(dir, source, () => {})) discardLayout(built);
  else install(built, dir);
  const image = readLabImage(dir);
  say(`built in ${Math.round(performance.now() - started)} ms: ${image.layers.length} layers, manifest ${shortDigest(image.manifestDigest)}`);
  return image;
}
