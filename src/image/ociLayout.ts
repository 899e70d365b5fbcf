// OCI image layout on disk (image-spec v1.1 image-layout.md): oci-layout, index.json, blobs/sha256.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { digestHex, sha256Digest } from './digest.js';
import { writeTar, type TarEntry } from './tarLayer.js';
import { syscallLog, quote } from '../../native/syscallLog.js';

export const MEDIA = {
  index: 'application/vnd.oci.image.index.v1+json',
  manifest: 'application/vnd.oci.image.manifest.v1+json',
  config: 'application/vnd.oci.image.config.v1+json',
  layerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
} as const;

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

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  annotations?: Record<string, string>;
  platform?: { architecture: string; os: string };
}

export interface ImageIndex {
  schemaVersion: 2;
  mediaType: string;
  manifests: Descriptor[];
}

export interface ImageManifest {
  schemaVersion: 2;
  mediaType: string;
  config: Descriptor;
  layers: Descriptor[];
  annotations?: Record<string, string>;
}

export interface HistoryEntry {
  created?: string;
  created_by?: string;
  comment?: string;
  empty_layer?: boolean;
}

export interface ImageConfig {
  created?: string;
  architecture: string;
  os: string;
  config: { Env?: string[]; Cmd?: string[]; WorkingDir?: string; Labels?: Record<string, string> };
  rootfs: { type: 'layers'; diff_ids: string[] };
  history: HistoryEntry[];
}

/** config.md: GOARCH names. */
export function ociArchitecture(nodeArch: string = process.arch): string {
  return ({ x64: 'amd64', arm64: 'arm64', arm: 'arm', ia32: '386', ppc64: 'ppc64le', s390x: 's390x', riscv64: 'riscv64' } as Record<string, string>)[nodeArch] ?? nodeArch;
}

export function blobPath(dir: string, digest: string): string {
  return join(dir, 'blobs', 'sha256', digestHex(digest));
}

/** JSON as written to blobs: compact, keys in the order the objects were built (stable). */
export function canonicalJson(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value), 'utf8');
}

/**
 * Writes a blob under its digest. It goes to .incoming first and is renamed into place, so a
 * reader verifying the layout at the same moment never sees half a blob under a digest name.
 */
export function writeBlob(dir: string, data: Buffer, mediaType: string): Descriptor {
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
export function writeIndex(dir: string, index: ImageIndex): void {
  const tmp = join(dir, `.index.json.${process.pid}`);
  writeFileSync(tmp, JSON.stringify(index, null, 2) + '\n', { mode: 0o644 });
  const started = performance.now();
  renameSync(tmp, join(dir, 'index.json'));
  syscallLog.record('rename', [quote(tmp), quote(join(dir, 'index.json'))], 0, undefined, performance.now() - started);
}

export function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

export interface LayerBlob {
  descriptor: Descriptor;
  diffId: string;
  createdBy: string;
  entries: number;
  /** false when the layout already had this blob: same content, same digest */
  written: boolean;
}

/** One layer: tar (its sha256 is the diff_id), gzip (its sha256 is the blob's digest). */
export function writeLayer(dir: string, entries: TarEntry[], createdBy: string): LayerBlob {
  const tar = writeTar(entries);
  // Node's gzip writes no file name and mtime 0 in its header: same tar, same blob.
  const gz = gzipSync(tar);
  const written = !existsSync(blobPath(dir, sha256Digest(gz)));
  return { descriptor: writeBlob(dir, gz, MEDIA.layerGzip), diffId: sha256Digest(tar), createdBy, entries: entries.length, written };
}

export interface ImageSpec {
  layers: LayerBlob[];
  cmd: string[];
  labels: Record<string, string>;
  /** history "created" of each layer, and config "created" */
  created: string;
  architecture?: string;
}

/** An image to build on: its config and layer descriptors (a commit adds a layer on top). */
export interface BaseImage {
  config: ImageConfig;
  layers: Descriptor[];
}

/** config + manifest for these layers; returns the manifest's descriptor (not yet in index.json). */
export function writeImage(dir: string, spec: ImageSpec, from?: BaseImage): { manifest: Descriptor; config: Descriptor } {
  const base = from?.config;
  const config: ImageConfig = {
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
  const manifest: ImageManifest = {
    schemaVersion: 2,
    mediaType: MEDIA.manifest,
    config: configDesc,
    layers: [...(from?.layers ?? []), ...spec.layers.map((l) => l.descriptor)],
  };
  return { manifest: writeBlob(dir, canonicalJson(manifest), MEDIA.manifest), config: configDesc };
}

/** A manifest descriptor as index.json lists it, tagged. */
export function taggedDescriptor(manifest: Descriptor, ref: string, architecture = ociArchitecture()): Descriptor {
  return {
    ...manifest,
    annotations: { [REF_NAME]: ref, [CONTAINERD_NAME]: `docker.io/library/container-lab:${ref}` },
    platform: { architecture, os: 'linux' },
  };
}

/** A new, empty layout in a fresh directory next to `near` (renamed into place once complete). */
export function startLayout(near: string): string {
  const parent = join(near, '..');
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(join(parent, '.image-build-'));
  mkdirSync(join(dir, 'blobs', 'sha256'), { recursive: true });
  writeFileSync(join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }) + '\n', { mode: 0o644 });
  return dir;
}

/** Removes a build directory that did not make it into place. */
export function discardLayout(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
