// The lab image's public API: where it is cached, build-on-first-use, verified reading, unpacking.
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { buildLayout, probeHost } from './build.js';
import { describeSource, judgeCache, pickSource, readProvenance, PROVENANCE_FILE } from './provenance.js';
import { shortDigest } from './digest.js';
import { discardLayout } from './ociLayout.js';
import { ImageError, readLabImage } from './verify.js';
export { ImageError, readLabImage } from './verify.js';
export { unpackLayer, unpackRootfs } from './unpack.js';
/**
 * Root: /var/cache/container-lab/image (FHS: data an application can rebuild). Otherwise
 * $XDG_CACHE_HOME/container-lab/image, or ~/.cache/container-lab/image.
 * CONTAINER_LAB_CACHE_DIR replaces container-lab's cache directory (the image is in its "image";
 * the tests set it), and CONTAINER_LAB_IMAGE_DIR names the image directory itself; either wins.
 */
export function imageCacheDir(euid = process.geteuid?.() ?? 0, env = process.env) {
    if (env.CONTAINER_LAB_IMAGE_DIR)
        return env.CONTAINER_LAB_IMAGE_DIR;
    if (env.CONTAINER_LAB_CACHE_DIR)
        return join(env.CONTAINER_LAB_CACHE_DIR, 'image');
    if (euid === 0)
        return '/var/cache/container-lab/image';
    const base = env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache');
    return join(base, 'container-lab', 'image');
}
const LAYOUT_NAMES = /^(oci-layout|index\.json|blobs|\.incoming|\.index\.json\.\d+)$/;
/** Only a directory holding nothing but layout files (and the build record) is ever replaced: never a user's own directory. */
function replaceable(dir) {
    try {
        return statSync(dir).isDirectory() && readdirSync(dir).every((n) => LAYOUT_NAMES.test(n) || n === PROVENANCE_FILE);
    }
    catch {
        return false;
    }
}
/** Build directories and replaced images that a crash left beside the cache, older than an hour. */
function sweepStale(dir) {
    const parent = dirname(dir);
    const prefix = [`.image-build-`, `.${basename(dir)}.old-`];
    try {
        for (const name of readdirSync(parent)) {
            if (!prefix.some((p) => name.startsWith(p)))
                continue;
            const path = join(parent, name);
            if (Date.now() - statSync(path).mtimeMs > 3600_000)
                rmSync(path, { recursive: true, force: true });
        }
    }
    catch {
        // nothing to sweep
    }
}
/** Moves a finished build into place; a concurrent builder that got there first wins. */
function install(built, dir) {
    let old = null;
    if (existsSync(dir)) {
        if (!replaceable(dir)) {
            discardLayout(built);
            throw new ImageError(`${dir} exists and holds more than an image layout: not replacing it`, dir);
        }
        old = join(dirname(dir), `.${basename(dir)}.old-${process.pid}-${Date.now()}`);
        try {
            renameSync(dir, old);
        }
        catch {
            old = null; // someone else moved it first
        }
    }
    try {
        renameSync(built, dir);
    }
    catch (error) {
        const code = error.code;
        discardLayout(built);
        if (code !== 'EEXIST' && code !== 'ENOTEMPTY')
            throw error;
    }
    if (old)
        rmSync(old, { recursive: true, force: true });
}
/**
 * The cached image if it verifies and its build record says it still serves (see judgeCache);
 * else the source to build from and, for a cache that is there, the one line that says why not.
 */
function cached(dir, host, opts) {
    const fresh = () => ({ source: pickSource(host, opts.needs, opts.source) });
    if (!existsSync(dir))
        return fresh();
    let image;
    try {
        image = readLabImage(dir);
    }
    catch (error) {
        if (!(error instanceof ImageError))
            throw error;
        return { ...fresh(), reason: `the cached image in ${dir} is not usable (${error.message}); building it again` };
    }
    const verdict = judgeCache(readProvenance(dir), { dir, manifestDigest: image.manifestDigest, host, needs: opts.needs, source: opts.source });
    return verdict.use ? { image } : verdict;
}
/**
 * The lab image, built on first use (offline, from the host) and verified on every use. A cache
 * that fails verification, lacks a program `needs` names, or that the host can now build better
 * (see provenance.ts) is never used: it is rebuilt, and onMessage says why in one line.
 */
export async function ensureLabImage(opts = {}) {
    const dir = opts.cacheDir ?? imageCacheDir();
    const say = opts.onMessage ?? (() => { });
    const host = probeHost();
    const found = cached(dir, host, opts);
    if ('image' in found)
        return found.image;
    if (found.reason)
        say(found.reason);
    const { source } = found;
    say(`building the lab image from ${describeSource(source)} into ${dir}`);
    const started = performance.now();
    sweepStale(dir);
    const built = buildLayout(dir, source, host);
    // Another process may have built it meanwhile (same host, same digests): keep theirs.
    if ('image' in cached(dir, host, opts))
        discardLayout(built);
    else
        install(built, dir);
    const image = readLabImage(dir);
    say(`built in ${Math.round(performance.now() - started)} ms: ${image.layers.length} layers, manifest ${shortDigest(image.manifestDigest)}`);
    return image;
}
