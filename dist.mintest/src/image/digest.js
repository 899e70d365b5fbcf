// sha256 content digests in the OCI form "sha256:<64 hex>" (image-spec descriptor.md#digests).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
const DIGEST = /^sha256:([0-9a-f]{64})$/;
export function sha256Hex(data) {
    return createHash('sha256').update(data).digest('hex');
}
export function sha256Digest(data) {
    return `sha256:${sha256Hex(data)}`;
}
export function fileDigest(path) {
    return sha256Digest(readFileSync(path));
}
export function isDigest(value) {
    return typeof value === 'string' && DIGEST.test(value);
}
/** The hex part of "sha256:<hex>"; throws on anything else (only sha256 is written or accepted here). */
export function digestHex(digest) {
    const m = DIGEST.exec(digest);
    if (!m)
        throw new Error(`not a sha256 digest: ${JSON.stringify(digest)}`);
    return m[1];
}
/** "sha256:1a2b3c4d5e6f" — the first 12 hex digits, as docker prints image IDs. */
export function shortDigest(digest) {
    return digest.replace(/^(sha256:[0-9a-f]{12})[0-9a-f]*$/, '$1');
}
