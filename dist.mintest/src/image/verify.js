// Reads an image from an OCI layout and verifies every digest, size and diff_id on the way.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { LabError } from '../errors.js';
import { isDigest, sha256Digest, shortDigest } from './digest.js';
import { LAB_REF, MEDIA, REF_NAME, SOURCE_LABEL, blobPath } from './ociLayout.js';
/** The image on disk is not what its digests say: missing, truncated, tampered, or not an image. */
export class ImageError extends LabError {
    dir;
    constructor(message, dir) {
        super(message, dir ? `remove ${dir}, and the lab builds the image again on next use (or run: container-lab image)` : undefined, 'EIMAGE');
        this.dir = dir;
        this.name = 'ImageError';
    }
}
function parseJson(data, what, dir) {
    try {
        return JSON.parse(data.toString('utf8'));
    }
    catch (error) {
        throw new ImageError(`${what} is not valid JSON (${error.message})`, dir);
    }
}
/** image-spec descriptor.md: the blob must have exactly the descriptor's size and digest. */
function readBlob(dir, desc, what) {
    if (!desc || !isDigest(desc.digest))
        throw new ImageError(`${what}: descriptor has no valid sha256 digest (${JSON.stringify(desc?.digest)})`, dir);
    const path = blobPath(dir, desc.digest);
    if (!existsSync(path))
        throw new ImageError(`${what}: blob ${shortDigest(desc.digest)} is missing (${path})`, dir);
    const data = readFileSync(path);
    if (data.length !== desc.size)
        throw new ImageError(`${what}: blob ${shortDigest(desc.digest)} is ${data.length} bytes, the descriptor says ${desc.size}`, dir);
    const actual = sha256Digest(data);
    if (actual !== desc.digest)
        throw new ImageError(`${what}: blob ${shortDigest(desc.digest)} has sha256 ${shortDigest(actual)}: its content does not match its name`, dir);
    return data;
}
/** Every file in blobs/sha256 must hash to its own name (image-layout.md "blobs"). */
export function verifyAllBlobs(dir) {
    const blobs = join(dir, 'blobs', 'sha256');
    if (!existsSync(blobs))
        throw new ImageError(`${dir} has no blobs/sha256 directory`, dir);
    let n = 0;
    for (const name of readdirSync(blobs)) {
        const path = join(blobs, name);
        if (!/^[0-9a-f]{64}$/.test(name))
            throw new ImageError(`blobs/sha256/${name} is not named by a sha256 digest`, dir);
        let data;
        try {
            if (!statSync(path).isFile())
                throw new ImageError(`blobs/sha256/${name} is not a file`, dir);
            data = readFileSync(path);
        }
        catch (error) {
            // A commit in another process pruned an old blob between readdir and read: not damage.
            if (error.code === 'ENOENT')
                continue;
            throw error;
        }
        const actual = sha256Digest(data);
        if (actual !== `sha256:${name}`)
            throw new ImageError(`blobs/sha256/${name.slice(0, 12)}… has sha256 ${shortDigest(actual)}: tampered or truncated`, dir);
        n++;
    }
    return n;
}
export function readIndex(dir) {
    const layout = join(dir, 'oci-layout');
    if (!existsSync(layout))
        throw new ImageError(`${dir} has no oci-layout file: not an OCI image layout`, dir);
    const version = parseJson(readFileSync(layout), 'oci-layout', dir).imageLayoutVersion;
    if (version !== '1.0.0')
        throw new ImageError(`oci-layout says imageLayoutVersion ${JSON.stringify(version)}, expected "1.0.0"`, dir);
    const indexPath = join(dir, 'index.json');
    if (!existsSync(indexPath))
        throw new ImageError(`${dir} has no index.json`, dir);
    const index = parseJson(readFileSync(indexPath), 'index.json', dir);
    if (index.schemaVersion !== 2 || !Array.isArray(index.manifests))
        throw new ImageError('index.json is not an image index (schemaVersion 2 with manifests)', dir);
    return index;
}
/** Tags in index.json, in order. */
export function listRefs(dir) {
    return readIndex(dir).manifests.map((m) => m.annotations?.[REF_NAME]).filter((r) => typeof r === 'string');
}
/**
 * One tagged image, verified: manifest and config by descriptor, each layer blob by digest and
 * size, and each layer's uncompressed tar against config.rootfs.diff_ids (config.md "rootfs").
 */
export function readImageRef(dir, ref, index = readIndex(dir)) {
    const desc = index.manifests.find((m) => m.annotations?.[REF_NAME] === ref);
    if (!desc)
        throw new ImageError(`index.json has no manifest tagged "${ref}"`, dir);
    if (desc.mediaType !== MEDIA.manifest)
        throw new ImageError(`"${ref}" is ${desc.mediaType}, expected ${MEDIA.manifest}`, dir);
    const manifest = parseJson(readBlob(dir, desc, `manifest of "${ref}"`), `manifest of "${ref}"`, dir);
    if (manifest.schemaVersion !== 2 || manifest.mediaType !== MEDIA.manifest)
        throw new ImageError(`manifest of "${ref}" is not an OCI image manifest`, dir);
    if (manifest.config?.mediaType !== MEDIA.config)
        throw new ImageError(`config of "${ref}" has media type ${manifest.config?.mediaType}`, dir);
    const config = parseJson(readBlob(dir, manifest.config, 'config'), 'config', dir);
    if (!Array.isArray(manifest.layers) || manifest.layers.length === 0)
        throw new ImageError(`manifest of "${ref}" has no layers`, dir);
    const diffIds = config.rootfs?.diff_ids ?? [];
    if (config.rootfs?.type !== 'layers' || diffIds.length !== manifest.layers.length) {
        throw new ImageError(`config has ${diffIds.length} diff_ids for ${manifest.layers.length} layers`, dir);
    }
    const history = (config.history ?? []).filter((h) => !h.empty_layer);
    const layers = manifest.layers.map((l, i) => {
        if (l.mediaType !== MEDIA.layerGzip)
            throw new ImageError(`layer ${i + 1} has media type ${l.mediaType}, expected ${MEDIA.layerGzip}`, dir);
        const gz = readBlob(dir, l, `layer ${i + 1}`);
        let tar;
        try {
            tar = gunzipSync(gz);
        }
        catch (error) {
            throw new ImageError(`layer ${i + 1} (${shortDigest(l.digest)}) is not gzip: ${error.message}`, dir);
        }
        const diffId = sha256Digest(tar);
        if (diffId !== diffIds[i])
            throw new ImageError(`layer ${i + 1}: uncompressed sha256 is ${shortDigest(diffId)}, config diff_ids says ${shortDigest(diffIds[i])}`, dir);
        return { digest: l.digest, diffId, size: l.size, blob: blobPath(dir, l.digest), createdBy: history[i]?.created_by ?? '' };
    });
    const cmd = config.config?.Cmd;
    if (!Array.isArray(cmd) || cmd.length === 0 || !cmd.every((c) => typeof c === 'string'))
        throw new ImageError('config has no Cmd', dir);
    const source = config.config?.Labels?.[SOURCE_LABEL];
    if (source !== 'busybox' && source !== 'host-binaries')
        throw new ImageError(`config label ${SOURCE_LABEL} is ${JSON.stringify(source)}`, dir);
    return { dir, manifestDigest: desc.digest, configDigest: manifest.config.digest, layers, cmd, source };
}
/** The lab image (tag "latest"), after checking that every blob in the layout hashes to its name. */
export function readLabImage(dir) {
    const index = readIndex(dir);
    verifyAllBlobs(dir);
    return readImageRef(dir, LAB_REF, index);
}
