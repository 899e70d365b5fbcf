// The lab image as one tar that both `docker load` and `ctr images import` take, offline.
import { readFileSync, statSync } from 'node:fs';
import { blobPath, CONTAINERD_NAME, MEDIA, REF_NAME } from '../image/ociLayout.js';
import { digestHex } from '../image/digest.js';
import { writeTar } from '../image/tarLayer.js';
/** The name the chain lessons give the lab image in docker and containerd. */
export const CHAIN_IMAGE = 'container-lab/lab:latest';
/** containerd's fully qualified form of it (ctr wants this one) */
export const CHAIN_IMAGE_FQ = 'docker.io/container-lab/lab:latest';
/**
 * One archive, two readers: an OCI image layout (oci-layout, index.json, blobs/sha256/...), which
 * containerd's importer reads, plus docker's own `manifest.json` ([{Config, RepoTags, Layers}])
 * pointing at the same blobs, which `docker load` of dockerd 20.10 needs (it reads OCI layouts only
 * from 25 on). The layer blobs stay gzip: both decompress them.
 */
export function labImageArchive(image) {
    const file = (path, data) => ({ path, type: 'file', mode: 0o644, data });
    const blob = (digest) => file(`blobs/sha256/${digestHex(digest)}`, readFileSync(blobPath(image.dir, digest)));
    const manifestSize = statSync(blobPath(image.dir, image.manifestDigest)).size;
    const index = {
        schemaVersion: 2,
        mediaType: MEDIA.index,
        manifests: [
            {
                mediaType: MEDIA.manifest,
                digest: image.manifestDigest,
                size: manifestSize,
                annotations: { [CONTAINERD_NAME]: CHAIN_IMAGE_FQ, [REF_NAME]: 'latest' },
            },
        ],
    };
    const dockerManifest = [
        {
            Config: `blobs/sha256/${digestHex(image.configDigest)}`,
            RepoTags: [CHAIN_IMAGE],
            Layers: image.layers.map((l) => `blobs/sha256/${digestHex(l.digest)}`),
        },
    ];
    const entries = [
        { path: 'blobs', type: 'dir', mode: 0o755 },
        { path: 'blobs/sha256', type: 'dir', mode: 0o755 },
        file('oci-layout', Buffer.from(JSON.stringify({ imageLayoutVersion: '1.0.0' }))),
        file('index.json', Buffer.from(JSON.stringify(index))),
        file('manifest.json', Buffer.from(JSON.stringify(dockerManifest))),
        blob(image.manifestDigest),
        blob(image.configDigest),
        ...image.layers.map((l) => blob(l.digest)),
    ];
    return writeTar(entries);
}
