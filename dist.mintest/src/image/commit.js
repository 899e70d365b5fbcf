// "docker commit" by hand: packs an overlay upperdir into a new layer and tags a new image in the layout.
import { lstatSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LabError } from '../errors.js';
import { getXattr, OPAQUE_XATTR, USER_OPAQUE_XATTR } from './fsCalls.js';
import { LAB_REF, REF_NAME, blobPath, readJson, taggedDescriptor, writeImage, writeIndex, writeLayer } from './ociLayout.js';
import { readImageRef, readIndex } from './verify.js';
import { OPAQUE_MARKER, WHITEOUT_PREFIX } from './unpack.js';
import { compareTarPaths } from './tarLayer.js';
/** How many committed images the layout keeps; older ones (and blobs only they used) are removed. */
export const KEEP_COMMITS = 8;
function xattr(path, name) {
    try {
        return getXattr(path, name)?.toString('utf8') ?? null;
    }
    catch {
        return null;
    }
}
/** glibc's major()/minor() of a dev_t. */
function devParts(rdev) {
    const big = BigInt(rdev);
    const major = Number(((big >> 8n) & 0xfffn) | ((big >> 32n) & ~0xfffn));
    const minor = Number((big & 0xffn) | ((big >> 12n) & ~0xffn));
    return { major, minor };
}
const hostIds = (uid, gid) => ({ uid, gid });
export function upperToEntries(upper, ids = hostIds) {
    const out = [];
    const walk = (dir, rel) => {
        for (const name of readdirSync(dir).sort()) {
            const path = join(dir, name);
            const tarPath = rel ? `${rel}/${name}` : name;
            const st = lstatSync(path);
            const owner = { ...ids(st.uid, st.gid), mode: st.mode & 0o7777 };
            if (st.isCharacterDevice() && st.rdev === 0) {
                out.push({ path: rel ? `${rel}/${WHITEOUT_PREFIX}${name}` : `${WHITEOUT_PREFIX}${name}`, type: 'file', mode: 0o600 });
            }
            else if (st.isDirectory()) {
                if (xattr(path, 'trusted.overlay.redirect') !== null) {
                    throw new LabError(`${path} is a renamed lower directory (overlay redirect_dir): a layer tar cannot express that`, 'mount the overlay with redirect_dir=off');
                }
                out.push({ path: tarPath, type: 'dir', ...owner });
                const opaque = xattr(path, OPAQUE_XATTR) ?? xattr(path, USER_OPAQUE_XATTR);
                if (opaque === 'y')
                    out.push({ path: `${tarPath}/${OPAQUE_MARKER}`, type: 'file', mode: 0o600 });
                walk(path, tarPath);
            }
            else if (st.isFile()) {
                if (xattr(path, 'trusted.overlay.metacopy') !== null) {
                    throw new LabError(`${path} was copied up metadata only (overlay metacopy): its data is still in a lower layer`, 'mount the overlay with metacopy=off');
                }
                out.push({ path: tarPath, type: 'file', ...owner, data: readFileSync(path) });
            }
            else if (st.isSymbolicLink()) {
                out.push({ path: tarPath, type: 'symlink', ...owner, linkname: readlinkSync(path) });
            }
            else if (st.isCharacterDevice() || st.isBlockDevice()) {
                const { major, minor } = devParts(st.rdev);
                out.push({ path: tarPath, type: st.isCharacterDevice() ? 'char' : 'block', ...owner, devmajor: major, devminor: minor });
            }
            else if (st.isFIFO()) {
                out.push({ path: tarPath, type: 'fifo', ...owner });
            }
            // sockets: no tar type for them, and no meaning outside a running container
        }
    };
    walk(upper, '');
    return out;
}
/** Blobs a manifest needs: itself, its config, its layers. */
function referenced(dir, manifestDigest) {
    try {
        const m = readJson(blobPath(dir, manifestDigest));
        return [manifestDigest, m.config.digest, ...m.layers.map((l) => l.digest)];
    }
    catch {
        return [manifestDigest];
    }
}
/** Keeps the newest KEEP_COMMITS commits; deletes blobs no remaining manifest uses (if older than a minute). */
function pruneCommits(dir) {
    const index = readIndex(dir);
    const commits = index.manifests.filter((m) => m.annotations?.[REF_NAME] !== LAB_REF);
    const drop = new Set(commits.slice(0, Math.max(0, commits.length - KEEP_COMMITS)));
    if (drop.size === 0)
        return;
    index.manifests = index.manifests.filter((m) => !drop.has(m));
    writeIndex(dir, index);
    const keep = new Set(index.manifests.flatMap((m) => referenced(dir, m.digest)).map((d) => d.replace(/^sha256:/, '')));
    const blobs = join(dir, 'blobs', 'sha256');
    for (const name of readdirSync(blobs)) {
        const path = join(blobs, name);
        if (!keep.has(name) && Date.now() - statSync(path).mtimeMs > 60_000)
            rmSync(path, { force: true });
    }
}
/**
 * Packs `upper` into a layer on top of the image tagged `baseRef`, writes the new config
 * (diff_ids and history extended, config.md) and manifest, and tags it `ref` in index.json.
 */
export function commitUpperDir(opts) {
    const { imageDir, upper, ref, createdBy } = opts;
    const base = readImageRef(imageDir, opts.baseRef ?? LAB_REF);
    const baseManifest = readJson(blobPath(imageDir, base.manifestDigest));
    const baseConfig = readJson(blobPath(imageDir, base.configDigest));
    const entries = upperToEntries(upper, opts.ids);
    // Fixed mtimes (writeTar's default): the same changes always give the same layer digest.
    const layer = writeLayer(imageDir, entries, createdBy);
    const { manifest } = writeImage(imageDir, {
        layers: [layer],
        cmd: base.cmd,
        labels: { 'org.container-lab.committed-from': base.manifestDigest },
        created: new Date().toISOString(),
    }, { config: baseConfig, layers: baseManifest.layers });
    const index = readIndex(imageDir);
    index.manifests = index.manifests.filter((m) => m.annotations?.[REF_NAME] !== ref);
    index.manifests.push(taggedDescriptor(manifest, ref, baseConfig.architecture));
    writeIndex(imageDir, index);
    pruneCommits(imageDir);
    const image = readImageRef(imageDir, ref);
    return { image, layer: image.layers[image.layers.length - 1], entries: [...entries].sort((a, b) => compareTarPaths(a.path, b.path)), ref, layerWritten: layer.written };
}
