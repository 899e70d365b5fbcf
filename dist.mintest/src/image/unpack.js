// Extracts layer blobs: one layer into its own directory (an overlay lower), or all of them into a rootfs.
//
// Synchronous on purpose: the builder calls this after unshare(CLONE_NEWNS), and fs.promises
// would run on threadpool threads still in the host's mount namespace.
import { chmodSync, existsSync, lchownSync, linkSync, lstatSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { sha256Digest, shortDigest } from './digest.js';
import { readTar } from './tarLayer.js';
import { mknodWhiteout, setXattr, OPAQUE_XATTR, USER_OPAQUE_XATTR } from './fsCalls.js';
import { ImageError } from './verify.js';
/** image-spec layer.md "Whiteouts": ".wh.<name>" deletes <name>; ".wh..wh..opq" empties the directory. */
export const WHITEOUT_PREFIX = '.wh.';
export const OPAQUE_MARKER = '.wh..wh..opq';
const isRoot = () => (process.geteuid?.() ?? 0) === 0;
/** Rootless overlay mounts (userxattr) read user.overlay.*; only root may set trusted.*. */
function opaqueXattr() {
    return isRoot() ? OPAQUE_XATTR : USER_OPAQUE_XATTR;
}
/** The layer's tar, after checking the blob against its digest and the tar against its diff_id. */
export function layerTar(layer) {
    const gz = readFileSync(layer.blob);
    const digest = sha256Digest(gz);
    if (digest !== layer.digest)
        throw new ImageError(`layer blob ${layer.blob} has sha256 ${shortDigest(digest)}, expected ${shortDigest(layer.digest)}`);
    const tar = gunzipSync(gz);
    const diffId = sha256Digest(tar);
    if (diffId !== layer.diffId)
        throw new ImageError(`layer ${shortDigest(layer.digest)} unpacks to sha256 ${shortDigest(diffId)}, its diff_id is ${shortDigest(layer.diffId)}`);
    return tar;
}
function removeAll(path) {
    rmSync(path, { recursive: true, force: true });
}
function lstatOrNull(path) {
    try {
        return lstatSync(path);
    }
    catch {
        return null;
    }
}
/** Refuses an entry whose parent directories in dest are symlinks: they could point anywhere on the host. */
function safeParent(dest, rel, checked) {
    const parts = rel.split('/').slice(0, -1);
    let path = dest;
    for (const part of parts) {
        path = join(path, part);
        if (checked.has(path))
            continue;
        const st = lstatOrNull(path);
        if (st === null) {
            mkdirSync(path, { mode: 0o755 });
        }
        else if (st.isSymbolicLink()) {
            throw new ImageError(`layer entry ${rel} goes through the symlink ${path}: refusing to follow it out of ${dest}`);
        }
        else if (!st.isDirectory()) {
            throw new ImageError(`layer entry ${rel} needs ${path} to be a directory`);
        }
        checked.add(path);
    }
}
function writeEntry(dest, e, path) {
    const existing = lstatOrNull(path);
    if (existing && !(e.type === 'dir' && existing.isDirectory()))
        removeAll(path);
    switch (e.type) {
        case 'dir':
            if (!existing || !existing.isDirectory())
                mkdirSync(path);
            chmodSync(path, e.mode);
            break;
        case 'file':
            writeFileSync(path, e.data ?? Buffer.alloc(0));
            chmodSync(path, e.mode);
            break;
        case 'symlink':
            symlinkSync(e.linkname ?? '', path);
            break;
        case 'hardlink':
            linkSync(join(dest, e.linkname ?? ''), path); // linkname's parents were checked like an entry's
            break;
        default:
            // Devices and FIFOs: a layer built here never has them, and /dev is a runtime's tmpfs.
            return;
    }
    if (isRoot() && ((e.uid ?? 0) !== 0 || (e.gid ?? 0) !== 0))
        lchownSync(path, e.uid ?? 0, e.gid ?? 0);
}
function extract(layer, dest, mode) {
    const entries = readTar(layerTar(layer));
    mkdirSync(dest, { recursive: true });
    const checked = new Set();
    const written = new Set();
    const opaque = [];
    const out = [];
    for (const e of entries) {
        safeParent(dest, e.path, checked);
        if (e.type === 'hardlink')
            safeParent(dest, e.linkname ?? '', checked);
        const name = e.path.split('/').pop();
        const parent = dirname(join(dest, e.path));
        if (name === OPAQUE_MARKER) {
            opaque.push(parent);
            continue;
        }
        if (name.startsWith(WHITEOUT_PREFIX)) {
            const target = join(parent, name.slice(WHITEOUT_PREFIX.length));
            removeAll(target);
            if (mode === 'overlay') {
                mknodWhiteout(target);
                out.push(target);
            }
            continue;
        }
        const path = join(dest, e.path);
        writeEntry(dest, e, path);
        written.add(path);
        out.push(path);
    }
    for (const dir of opaque) {
        if (mode === 'overlay') {
            setXattr(dir, opaqueXattr(), 'y');
            out.push(dir);
        }
        else if (existsSync(dir)) {
            // Opaque: what lower layers put here goes; what this layer put here stays.
            for (const child of readdirSync(dir)) {
                const path = join(dir, child);
                if (![...written].some((w) => w === path || w.startsWith(path + '/')))
                    removeAll(path);
            }
        }
    }
    return out;
}
/**
 * Extracts one layer (gunzip + untar) into dest, as an overlayfs layer directory: OCI whiteouts
 * `.wh.<name>` become 0/0 character devices, `.wh..wh..opq` the opaque xattr on its directory.
 * Returns the absolute paths written.
 */
export async function unpackLayer(layer, dest) {
    return extract(layer, dest, 'overlay');
}
/** Every layer in order into one directory (for chroot and pivot_root), whiteouts applied. */
export async function unpackRootfs(image, dest) {
    for (const layer of image.layers)
        extract(layer, dest, 'apply');
}
/** The synchronous form, for callers after unshare (namespaces are per thread). */
export function unpackLayerSync(layer, dest) {
    return extract(layer, dest, 'overlay');
}
export function unpackRootfsSync(image, dest) {
    for (const layer of image.layers)
        extract(layer, dest, 'apply');
}
