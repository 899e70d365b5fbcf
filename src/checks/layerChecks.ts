// Checks for the layers lesson: stat(2) of upper and lower dirs, mountinfo, sha256 of blobs, tar listings.
import { z } from 'zod';
import { defineCheck, pass, fail } from '../steps/define.js';
import { containerId, containerName } from '../steps/params.js';
//
// Independent of the actions: image files are read as plain JSON, blobs hashed here, layer tars
// read with the node-tar library (not the lab's own tar reader), merged directories looked at
// from inside the container's mount namespace with nsenter(1).
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import * as tar from 'tar';
import { nsenter } from './nsenter.js';
import { parseMountinfo } from '../observe/parse/mountinfo.js';
import { parseOverlayOptions } from '../observe/parse/overlay.js';
import { getXattr } from '../image/fsCalls.js';
import type { LabContext } from '../steps/context.js';

const REF = 'org.opencontainers.image.ref.name';

function sha256(data: Buffer): string {
  return 'sha256:' + createHash('sha256').update(data).digest('hex');
}

function rel(path: string): string {
  return path.split('/').filter(Boolean).join('/');
}

function lstatOrNull(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

function session(ctx: LabContext): string {
  return ctx.session.dir;
}

/** <session>/layers/1…n, bottom first, as they are on disk. */
function layerDirs(ctx: LabContext): string[] {
  const root = join(session(ctx), 'layers');
  if (!existsSync(root)) return [];
  return readdirSync(root).filter((n) => /^\d+$/.test(n)).sort((a, b) => Number(a) - Number(b)).map((n) => join(root, n));
}

function paths(ctx: LabContext, container: string) {
  const base = join(session(ctx), 'containers', container);
  return { upper: join(base, 'upper'), work: join(base, 'work'), merged: join(base, 'merged') };
}

/** A tagged image read straight from the layout's JSON: manifest and config blobs, layer digests. */
function imageByRef(dir: string, ref: string) {
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as { manifests: Array<{ digest: string; size: number; annotations?: Record<string, string> }> };
  const desc = index.manifests.find((m) => m.annotations?.[REF] === ref);
  if (!desc) return null;
  const blob = (digest: string) => join(dir, 'blobs', 'sha256', digest.replace(/^sha256:/, ''));
  const manifestBytes = readFileSync(blob(desc.digest));
  const manifest = JSON.parse(manifestBytes.toString('utf8')) as { config: { digest: string }; layers: Array<{ digest: string; size: number }> };
  const config = JSON.parse(readFileSync(blob(manifest.config.digest), 'utf8')) as { rootfs: { diff_ids: string[] } };
  return { desc, manifestBytes, manifest, config, blob };
}

interface TarItem { path: string; type: string; data: Buffer }

/** A gzip layer blob's entries, read with node-tar. */
function tarEntries(blob: string): TarItem[] {
  const out: TarItem[] = [];
  tar.t({
    file: blob,
    sync: true,
    onReadEntry: (entry) => {
      const chunks: Buffer[] = [];
      entry.on('data', (c: Buffer) => chunks.push(c));
      entry.on('end', () => out.push({ path: rel(entry.path), type: entry.type, data: Buffer.concat(chunks) }));
    },
  });
  return out;
}

/** The container's mountinfo, overlay mounts only, with their options. */
function overlaysInside(ctx: LabContext) {
  return parseMountinfo(readFileSync(`/proc/${ctx.builder.pid}/mountinfo`, 'utf8'))
    .filter((m) => m.fsType === 'overlay')
    .map((m) => ({ mount: m, options: parseOverlayOptions(m.superOptions) }));
}

/** Runs a program in the container's mount namespace, where merged is a mount point. */
function inMountNs(ctx: LabContext, argv: string[]): string {
  return nsenter(ctx.builder.pid, ['mount'], argv, ctx.rootless);
}

function existsInMerged(ctx: LabContext, path: string): boolean {
  return inMountNs(ctx, ['sh', '-c', 'if [ -e "$1" ] || [ -L "$1" ]; then echo yes; else echo no; fi', 'sh', path]).trim() === 'yes';
}

/** The lower layers (top first) that have this path, by lstat(2). */
function lowersWith(ctx: LabContext, path: string): string[] {
  return layerDirs(ctx).reverse().filter((d) => lstatOrNull(join(d, path)) !== null);
}

function layerName(dir: string): string {
  return `layers/${dir.split('/').pop()}`;
}

export const layersUnpacked = defineCheck({
  name: 'layers-unpacked',
  params: z.strictObject({}),
  doc: '',
  reads: [],
  run: (ctx) => {
    if (!ctx.layers) return fail('no image has been unpacked in this session');
    const image = imageByRef(ctx.layers.imageDir, 'latest');
    if (!image) return fail(`${ctx.layers.imageDir}/index.json has no "latest" tag`);
    const dirs = layerDirs(ctx);
    if (dirs.length !== image.manifest.layers.length) return fail(`${dirs.length} layer directories for ${image.manifest.layers.length} layers in the manifest`);
    const parts: string[] = [];
    for (const [i, layer] of image.manifest.layers.entries()) {
      const blob = image.blob(layer.digest);
      const bytes = readFileSync(blob);
      if (sha256(bytes) !== layer.digest) return fail(`layer ${i + 1}: sha256 of the blob is ${sha256(bytes).slice(0, 19)}, manifest says ${layer.digest.slice(0, 19)}`);
      if (sha256(gunzipSync(bytes)) !== image.config.rootfs.diff_ids[i]) return fail(`layer ${i + 1}: uncompressed sha256 does not match diff_ids[${i}]`);
      const entries = tarEntries(blob);
      const missing = entries.filter((e) => lstatOrNull(join(dirs[i], e.path)) === null && !e.path.split('/').pop()!.startsWith('.wh.'));
      if (missing.length) return fail(`${layerName(dirs[i])} lacks ${missing.length} of the layer's entries, e.g. ${missing[0].path}`);
      parts.push(`${layerName(dirs[i])} = ${layer.digest.slice(0, 19)} (${entries.length} entries)`);
    }
    return pass(`blobs hash to their digests; ${parts.join(', ')}`);
  },
});

export const overlayMounted = defineCheck({
  name: 'overlay-mounted',
  params: z.strictObject({ container: containerName }),
  doc: '',
  reads: [],
  run: (ctx, { container }) => {
    const p = paths(ctx, container);
    const found = overlaysInside(ctx).find((o) => o.mount.mountPoint === p.merged);
    if (!found || !found.options) return fail(`no overlay on ${p.merged} in the container's mountinfo`);
    const expected = layerDirs(ctx).reverse();
    const { lower, upper, work } = found.options;
    if (lower.join(':') !== expected.join(':')) return fail(`lowerdir is ${lower.join(':')}, expected ${expected.join(':')}`);
    if (upper !== p.upper || work !== p.work) return fail(`upperdir ${upper}, workdir ${work}; expected ${p.upper}, ${p.work}`);
    const host = parseMountinfo(readFileSync('/proc/self/mountinfo', 'utf8')).some((m) => m.mountPoint === p.merged);
    if (host) return fail(`the host's mountinfo has ${p.merged} too`);
    return pass(`overlay on ${p.merged}: lowerdir ${lower.map(layerName).join(':')}, upperdir and workdir of ${container}; not in the host's mountinfo`);
  },
});

export const inUpperOnly = defineCheck({
  name: 'in-upper-only',
  params: z.strictObject({ container: containerName, path: z.string().min(1) }),
  doc: '',
  reads: [],
  run: (ctx, { container, path }) => {
    const p = paths(ctx, container);
    const r = rel(path);
    const st = lstatOrNull(join(p.upper, r));
    if (!st?.isFile()) return fail(`upperdir has no file ${r}`);
    const lowers = lowersWith(ctx, r);
    if (lowers.length) return fail(`${r} is also in ${lowers.map(layerName).join(', ')}`);
    const seen = inMountNs(ctx, ['cat', join(p.merged, r)]);
    if (seen !== readFileSync(join(p.upper, r), 'utf8')) return fail(`the merged view of ${r} differs from upperdir's file`);
    return pass(`${r}: in upperdir (${st.size} bytes, inode ${st.ino}), in no lower layer; merged shows it`);
  },
});

export const copiedUp = defineCheck({
  name: 'copied-up',
  params: z.strictObject({ container: containerName, path: z.string().min(1) }),
  doc: '',
  reads: [],
  run: (ctx, { container, path }) => {
    const p = paths(ctx, container);
    const r = rel(path);
    const upper = lstatOrNull(join(p.upper, r));
    if (!upper?.isFile()) return fail(`upperdir has no copy of ${r}`);
    const [top] = lowersWith(ctx, r);
    if (!top) return fail(`${r} is in no lower layer: that is a new file, not a copy-up`);
    const lowerBytes = readFileSync(join(top, r));
    const upperBytes = readFileSync(join(p.upper, r));
    // The lower file must be byte for byte what its layer's blob holds.
    const n = Number(top.split('/').pop());
    const image = ctx.layers ? imageByRef(ctx.layers.imageDir, 'latest') : null;
    const layer = image?.manifest.layers[n - 1];
    if (!image || !layer) return fail(`cannot find layer ${n} of the image to compare with`);
    const original = tarEntries(image.blob(layer.digest)).find((e) => e.path === r);
    if (!original) return fail(`layer ${n}'s tar has no ${r}`);
    if (!lowerBytes.equals(original.data)) return fail(`${layerName(top)}/${r} changed: it no longer matches layer ${n}'s tar`);
    if (upperBytes.equals(lowerBytes)) return fail(`upperdir's ${r} is identical to the lower one: nothing was changed`);
    const seen = Buffer.from(inMountNs(ctx, ['cat', join(p.merged, r)]), 'utf8');
    if (!seen.equals(upperBytes)) return fail(`merged shows something other than upperdir's ${r}`);
    const lowerIno = lstatSync(join(top, r)).ino;
    return pass(`copied up: upper ${r} (${upperBytes.length} bytes, inode ${upper.ino}) ≠ ${layerName(top)}/${r} (${lowerBytes.length} bytes, inode ${lowerIno}), which still equals its layer's tar`);
  },
});

export const whiteout = defineCheck({
  name: 'whiteout',
  params: z.strictObject({ container: containerName, path: z.string().min(1) }),
  doc: '',
  reads: [],
  run: (ctx, { container, path }) => {
    const p = paths(ctx, container);
    const r = rel(path);
    const st = lstatOrNull(join(p.upper, r));
    if (!st) return fail(`upperdir has nothing at ${r}`);
    // overlayfs.rst: "A whiteout is created as a character device with 0/0 device number".
    if (!st.isCharacterDevice() || st.rdev !== 0) return fail(`upperdir's ${r} is not a 0/0 character device (mode ${st.mode.toString(8)}, rdev ${st.rdev})`);
    const lowers = lowersWith(ctx, r);
    if (!lowers.length) return fail(`no lower layer has ${r}: nothing to hide`);
    if (existsInMerged(ctx, join(p.merged, r))) return fail(`${r} still shows in the merged directory`);
    return pass(`upper ${r}: character device 0:0 (a whiteout); ${lowers.map(layerName).join(', ')} still ha${lowers.length === 1 ? 's' : 've'} it; merged does not`);
  },
});

export const opaqueDir = defineCheck({
  name: 'opaque-dir',
  params: z.strictObject({ container: containerName, path: z.string().min(1) }),
  doc: '',
  reads: [],
  run: (ctx, { container, path }) => {
    const p = paths(ctx, container);
    const r = rel(path);
    const st = lstatOrNull(join(p.upper, r));
    if (!st?.isDirectory()) return fail(`upperdir has no directory ${r}`);
    const value = getXattr(join(p.upper, r), 'trusted.overlay.opaque')?.toString('utf8') ?? null;
    if (value !== 'y') return fail(`upper ${r} has trusted.overlay.opaque=${value === null ? '(none)' : JSON.stringify(value)}, expected "y"`);
    const lowers = lowersWith(ctx, r).filter((d) => statSync(join(d, r)).isDirectory());
    if (!lowers.length) return fail(`no lower layer has a directory ${r}`);
    const hidden = readdirSync(join(lowers[0], r));
    const merged = inMountNs(ctx, ['ls', '-A', join(p.merged, r)]).split('\n').filter(Boolean).sort();
    const upper = readdirSync(join(p.upper, r)).sort();
    if (merged.join('/') !== upper.join('/')) return fail(`merged lists ${merged.join(', ') || 'nothing'}, upper has ${upper.join(', ') || 'nothing'}`);
    return pass(`upper ${r}: trusted.overlay.opaque="y"; ${layerName(lowers[0])}'s ${hidden.join(', ')} hidden; merged lists ${merged.length ? merged.join(', ') : 'nothing'}`);
  },
});

/** Files, symlinks, whiteouts and opaque directories in upperdir: what a commit would pack. */
function upperChanges(upper: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, prefix: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const r = prefix ? `${prefix}/${name}` : name;
      const st = lstatSync(path);
      if (st.isDirectory()) {
        if (getXattr(path, 'trusted.overlay.opaque')?.toString('utf8') === 'y') out.push(`${r}/`);
        walk(path, r);
      } else {
        out.push(r);
      }
    }
  };
  walk(upper, '');
  return out;
}

export const upperHolds = defineCheck({
  name: 'upper-holds',
  params: z.strictObject({ container: containerName, only: z.array(z.string().min(1)).min(1) }),
  doc: '',
  reads: [],
  run: (ctx, { container, only }) => {
    const found = upperChanges(paths(ctx, container).upper);
    const want = only.map((o) => (o.endsWith('/') ? `${rel(o)}/` : rel(o))).sort();
    const got = [...found].sort();
    if (got.join('\n') !== want.join('\n')) {
      const extra = got.filter((g) => !want.includes(g));
      const missing = want.filter((w) => !got.includes(w));
      return fail(`upperdir holds ${got.join(', ')}${extra.length ? `; unexpected: ${extra.join(', ')}` : ''}${missing.length ? `; missing: ${missing.join(', ')}` : ''}`);
    }
    return pass(`upperdir holds exactly the changes: ${got.join(', ')} (plus the directories above them)`);
  },
});

export const layerCommitted = defineCheck({
  name: 'layer-committed',
  params: z.strictObject({ entries: z.array(z.string().min(1)).min(1) }),
  doc: '',
  reads: [],
  run: (ctx, { entries }) => {
    const dir = ctx.layers?.imageDir;
    if (!dir) return fail('no image in this session');
    const ref = `committed-${ctx.session.id}`;
    const image = imageByRef(dir, ref);
    if (!image) return fail(`index.json has no "${ref}" tag`);
    if (sha256(image.manifestBytes) !== image.desc.digest) return fail('the manifest blob does not hash to its digest');
    const base = imageByRef(dir, 'latest');
    const top = image.manifest.layers[image.manifest.layers.length - 1];
    if (!base || image.manifest.layers.length !== base.manifest.layers.length + 1) return fail(`the committed manifest has ${image.manifest.layers.length} layers; expected the image's plus one`);
    const blobPath = image.blob(top.digest);
    const bytes = readFileSync(blobPath);
    const digest = sha256(bytes);
    if (digest !== top.digest || bytes.length !== top.size) return fail(`the new layer's blob hashes to ${digest.slice(0, 19)} (${bytes.length} bytes); the manifest says ${top.digest.slice(0, 19)} (${top.size})`);
    const diffIds = image.config.rootfs.diff_ids;
    if (sha256(gunzipSync(bytes)) !== diffIds[diffIds.length - 1]) return fail('the new layer\'s uncompressed sha256 is not the last diff_id');
    const listed = tarEntries(blobPath).filter((e) => e.type !== 'Directory').map((e) => e.path).sort();
    const want = entries.map(rel).sort();
    if (listed.join('\n') !== want.join('\n')) return fail(`the new layer holds ${listed.join(', ')}; expected ${want.join(', ')}`);
    return pass(`new layer ${digest.slice(0, 19)} = sha256 of its blob (${bytes.length} bytes); holds ${listed.join(', ')}; tagged ${ref}`);
  },
});

export const layersShared = defineCheck({
  name: 'layers-shared',
  params: z.strictObject({ containers: z.array(containerId).length(2) }),
  doc: '',
  reads: [],
  run: (ctx, { containers }) => {
    const overlays = overlaysInside(ctx);
    const mounts = containers.map((c) => overlays.find((o) => o.mount.mountPoint === paths(ctx, c).merged));
    if (mounts.some((m) => !m?.options)) return fail(`not every one of ${containers.join(', ')} has an overlay mounted`);
    const [a, b] = mounts.map((m) => m!.options!);
    const ids = (dirs: string[]) => dirs.map((d) => { const st = statSync(d); return `${st.dev}:${st.ino}`; });
    const ia = ids(a.lower);
    const ib = ids(b.lower);
    if (ia.join(' ') !== ib.join(' ')) return fail(`lower layers differ: ${ia.join(' ')} vs ${ib.join(' ')}`);
    const ua = statSync(a.upper!).ino;
    const ub = statSync(b.upper!).ino;
    if (ua === ub) return fail('both containers write to the same upperdir');
    // What the first container changed must not show in the second one's merged view.
    const mergedB = paths(ctx, containers[1]).merged;
    const files = upperChanges(a.upper!).filter((f) => !f.endsWith('/') && lstatSync(join(a.upper!, f)).isFile());
    for (const f of files) {
      const mine = readFileSync(join(a.upper!, f));
      if (existsInMerged(ctx, join(mergedB, f)) && Buffer.from(inMountNs(ctx, ['cat', join(mergedB, f)]), 'utf8').equals(mine)) {
        return fail(`${containers[1]} sees ${containers[0]}'s change to ${f}`);
      }
    }
    return pass(`${containers.join(' and ')} stack the same ${ia.length} lower directories (dev:inode ${ia.join(', ')}); upperdirs differ (inodes ${ua}, ${ub}); ${containers[0]}'s ${files.length} changed files do not show in ${containers[1]}`);
  },
});
