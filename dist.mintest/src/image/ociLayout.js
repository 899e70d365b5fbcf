// OCI image layout on disk (image-spec v1.1 image-layout.md): oci-layout, index.json, blobs/sha256.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { digestHex, sha256Digest } from './digest.js';
import { writeTar } from './tarLayer.js';
import { syscallLog, quote } from '../../native/syscallLog.js';
export const MEDIA = {
    index: 'application/vnd.oci.image.index.v1+json',
    manifest: 'application/vnd.oci.image.manifest.v1+json',
    config: 'application/vnd.oci.image.config.v1+json',
    layerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
};
/** annotations.md: the tag of a manifest in index.json. */
export const REF_NAME = 'org.opencontainers.image.ref.name';
/** containerd's `ctr image import` names the image after this annotation. */
export const CONTAINERD_NAME = 'io.containerd.image.name';
/** The lab image's own tag; commits get "committed-<session>". */
export const LAB_REF = 'latest';
/** config.config.Labels key recording what the base layer was built from. */
export const SOURCE_LABEL = 'org.container-lab.source';
/** Layer tars and configs of the lab image carry this time: builds are reproducible. */
export const EPOCH_ISO = '1970-01-01T00:00:00Z';
/** config.md: GOARCH names. */
export function ociArchitecture(nodeArch = process.arch) {
    return { x64: 'amd64', arm64: 'arm64', arm: 'arm', ia32: '386', ppc64: 'ppc64le', s390x: 's390x', riscv64: 'riscv64' }[nodeArch] ?? nodeArch;
}
export function blobPath(dir, digest) {
    return join(dir, 'blobs', 'sha256', digestHex(digest));
}
/** JSON as written to blobs: compact, keys in the order the objects were built (stable). */
export function canonicalJson(value) {
    return Buffer.from(JSON.stringify(value), 'utf8');
}
/**
 * Writes a blob under its digest. It goes to .incoming first and is renamed into place, so a
 * reader verifying the layout at the same moment never sees half a blob under a digest name.
 */
export function writeBlob(dir, data, mediaType) {
    const digest = sha256Digest(data);
    const path = blobPath(dir, digest);
    if (!existsSync(path)) {
        const incoming = join(dir, '.incoming');
        mkdirSync(incoming, { recursive: true });
        mkdirSync(join(dir, 'blobs', 'sha256'), { recursive: true });
        const tmp = join(incoming, `${digestHex(digest)}.${process.pid}`);
        const started = performance.now();
        writeFileSync(tmp, data, { mode: 0o644 });
        renameSync(tmp, path);
        // Shown as what it amounts to: the blob's bytes under its digest name.
        syscallLog.record('write', [quote(path), `<${mediaType.replace(/^application\/vnd\.oci\.image\./, '')}>`, String(data.length)], data.length, undefined, performance.now() - started);
    }
    return { mediaType, digest, size: data.length };
}
/** index.json replaced in one rename(2): readers see the old index or the new one. */
export function writeIndex(dir, index) {
    const tmp = join(dir, `.index.json.${process.pid}`);
    writeFileSync(tmp, JSON.stringify(index, null, 2) + '\n', { mode: 0o644 });
    const started = performance.now();
    renameSync(tmp, join(dir, 'index.json'));
    syscallLog.record('rename', [quote(tmp), quote(join(dir, 'index.json'))], 0, undefined, performance.now() - started);
}
export function readJson(path) {
    return JSON.parse(readFileSync(path, 'utf8'));
}
/** One layer: tar (its sha256 is the diff_id), gzip (its sha256 is the blob's digest). */
export function writeLayer(dir, entries, createdBy) {
    const tar = writeTar(entries);
    // Node's gzip writes no file name and mtime 0 in its header: same tar, same blob.
    const gz = gzipSync(tar);
    const written = !existsSync(blobPath(dir, sha256Digest(gz)));
    return { descriptor: writeBlob(dir, gz, MEDIA.layerGzip), diffId: sha256Digest(tar), createdBy, entries: entries.length, written };
}
/** config + manifest for these layers; returns the manifest's descriptor (not yet in index.json). */
export function writeImage(dir, spec, from) {
    const base = from?.config;
    const config = {
        created: spec.created,
        architecture: base?.architecture ?? spec.architecture ?? ociArchitecture(),
        os: 'linux',
        config: {
            Env: base?.config.Env ?? ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
            Cmd: spec.cmd,
            WorkingDir: '/',
            Labels: { ...(base?.config.Labels ?? {}), ...spec.labels },
        },
        rootfs: { type: 'layers', diff_ids: [...(base?.rootfs.diff_ids ?? []), ...spec.layers.map((l) => l.diffId)] },
        history: [...(base?.history ?? []), ...spec.layers.map((l) => ({ created: spec.created, created_by: l.createdBy }))],
    };
    const configDesc = writeBlob(dir, canonicalJson(config), MEDIA.config);
    const manifest = {
        schemaVersion: 2,
        mediaType: MEDIA.manifest,
        config: configDesc,
        layers: [...(from?.layers ?? []), ...spec.layers.map((l) => l.descriptor)],
    };
    return { manifest: writeBlob(dir, canonicalJson(manifest), MEDIA.manifest), config: configDesc };
}
/** A manifest descriptor as index.json lists it, tagged. */
export function taggedDescriptor(manifest, ref, architecture = ociArchitecture()) {
    return {
        ...manifest,
        annotations: { [REF_NAME]: ref, [CONTAINERD_NAME]: `docker.io/library/container-lab:${ref}` },
        platform: { architecture, os: 'linux' },
    };
}
/** A new, empty layout in a fresh directory next to `near` (renamed into place once complete). */
export function startLayout(near) {
    const parent = join(near, '..');
    mkdirSync(parent, { recursive: true });
    const dir = mkdtempSync(join(parent, '.image-build-'));
    mkdirSync(join(dir, 'blobs', 'sha256'), { recursive: true });
    writeFileSync(join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }) + '\n', { mode: 0o644 });
    return dir;
}
/** Removes a build directory that did not make it into place. */
export function discardLayout(dir) {
    rmSync(dir, { recursive: true, force: true });
}
