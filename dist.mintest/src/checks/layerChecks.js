// Checks for the layers lesson: lstat(2) of upper and lower dirs, mountinfo, sha256 of blobs, tar listings.
//
// Independent of the actions: image files are read as plain JSON, blobs hashed here, layer tars
// read with the node-tar library (not the lab's own tar reader), merged directories looked at
// through the container process's /proc/<pid>/root, resolved inside merged. Every read goes through ctx.sys,
// except the opaque xattr (lgetxattr(2) through the image layer's koffi calls).
import { z } from 'zod';
import { defineCheck, pass, fail } from '../steps/define.js';
import { containerId, containerName } from '../steps/params.js';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import * as tar from 'tar';
import { parseMountinfo } from '../observe/parse/mountinfo.js';
import { parseOverlayOptions } from '../observe/parse/overlay.js';
import { getXattr, opaqueXattr } from '../image/fsCalls.js';
import { unpackedLayers } from '../actions/layersState.js';
const REF = 'org.opencontainers.image.ref.name';
function sha256(data) {
    return 'sha256:' + createHash('sha256').update(data).digest('hex');
}
function rel(path) {
    return path.split('/').filter(Boolean).join('/');
}
function lstatOrNull(sys, path) {
    try {
        return sys.lstat(path);
    }
    catch {
        return null;
    }
}
/**
 * lstat(2) of `r` in a container's upperdir, resolved inside it: the container writes there, and a
 * symlink it made on the way (etc -> /etc) must not make this root check look at a host file.
 */
function upperStat(sys, upper, r) {
    return sys.inRoot(upper, (u) => {
        try {
            return u.lstat(r);
        }
        catch {
            return null;
        }
    });
}
function upperBytes(sys, upper, r) {
    return sys.inRoot(upper, (u) => u.readBytes(r));
}
function session(ctx) {
    return ctx.session.dir;
}
/** <session>/layers/1…n, bottom first, as they are on disk. */
function layerDirs(ctx) {
    const root = join(session(ctx), 'layers');
    if (!ctx.sys.exists(root))
        return [];
    return ctx.sys.readdir(root).filter((n) => /^\d+$/.test(n)).sort((a, b) => Number(a) - Number(b)).map((n) => join(root, n));
}
function paths(ctx, container) {
    const base = join(session(ctx), 'containers', container);
    return { upper: join(base, 'upper'), work: join(base, 'work'), merged: join(base, 'merged') };
}
/** A tagged image read straight from the layout's JSON: manifest and config blobs, layer digests. */
function imageByRef(sys, dir, ref) {
    const index = JSON.parse(sys.readFile(join(dir, 'index.json')));
    const desc = index.manifests.find((m) => m.annotations?.[REF] === ref);
    if (!desc)
        return null;
    const blob = (digest) => join(dir, 'blobs', 'sha256', digest.replace(/^sha256:/, ''));
    const manifestBytes = sys.readBytes(blob(desc.digest));
    const manifest = JSON.parse(manifestBytes.toString('utf8'));
    const config = JSON.parse(sys.readFile(blob(manifest.config.digest)));
    return { desc, manifestBytes, manifest, config, blob };
}
/** A gzip layer blob's entries, read with node-tar (which parses bytes it is given synchronously). */
function tarEntries(sys, blob) {
    const out = [];
    new tar.Parser({
        onReadEntry: (entry) => {
            const chunks = [];
            entry.on('data', (c) => chunks.push(c));
            entry.on('end', () => out.push({ path: rel(entry.path), type: entry.type, data: Buffer.concat(chunks) }));
        },
    }).end(sys.readBytes(blob));
    return out;
}
/** The container's mountinfo, overlay mounts only, with their options. */
function overlaysInside(ctx) {
    return parseMountinfo(ctx.sys.readFile(`/proc/${ctx.builder.pid}/mountinfo`))
        .filter((m) => m.fsType === 'overlay')
        .map((m) => ({ mount: m, options: parseOverlayOptions(m.superOptions) }));
}
/**
 * The name of the opaque marker in this container's upperdir, by the options its overlay was
 * mounted with (the container's mountinfo): user.overlay.opaque with "userxattr" (a rootless
 * mount), else trusted.overlay.opaque.
 */
function opaqueName(ctx, merged) {
    const found = overlaysInside(ctx).find((o) => o.mount.mountPoint === merged);
    return opaqueXattr(found?.options?.userxattr);
}
/**
 * The container's merged directory, read the way the container sees it: merged is a mount point only
 * in the container process's mount namespace, so it is reached through /proc/<pid>/root (that
 * process's root, which is the host's / in its namespace), and every path below it is resolved with
 * openat2(2) RESOLVE_IN_ROOT: a symlink the container planted in merged stays inside merged instead
 * of leading this root process to a host file (the lab's own programs never resolve such a path).
 */
function inMerged(ctx, merged, use) {
    return ctx.sys.inRoot(`/proc/${ctx.builder.pid}/root${merged}`, use);
}
/** A regular file's bytes in merged, or null when the path is anything else (or nothing). */
function mergedFile(m, path) {
    try {
        return m.lstat(path).isFile ? m.readBytes(path) : null;
    }
    catch {
        return null;
    }
}
/** The lower layers (top first) that have this path, by lstat(2). */
function lowersWith(ctx, path) {
    return layerDirs(ctx).reverse().filter((d) => lstatOrNull(ctx.sys, join(d, path)) !== null);
}
function layerName(dir) {
    return `layers/${dir.split('/').pop()}`;
}
export const layersUnpacked = defineCheck({
    name: 'layers-unpacked',
    params: z.strictObject({}),
    doc: 'Reads the image\'s "latest" manifest and config straight from the OCI layout\'s JSON, hashes each layer blob '
        + '(sha256 of the gzip against the manifest digest, of the tar against the config\'s diff_id), lists it with '
        + 'node-tar, and passes when <session>/layers holds one directory per layer and each has every entry of its '
        + 'layer (lstat(2)), whiteout entries aside.',
    reads: ['<image>/index.json, manifest and config blobs', 'layer blobs: sha256, gunzip, tar listing (node-tar)', 'lstat(2) of <session>/layers/<n>/<entry>'],
    run: (ctx) => {
        const layers = unpackedLayers(ctx);
        if (!layers)
            return fail('no image has been unpacked in this session');
        const image = imageByRef(ctx.sys, layers.imageDir, 'latest');
        if (!image)
            return fail(`${layers.imageDir}/index.json has no "latest" tag`);
        const dirs = layerDirs(ctx);
        if (dirs.length !== image.manifest.layers.length)
            return fail(`${dirs.length} layer directories for ${image.manifest.layers.length} layers in the manifest`);
        const parts = [];
        for (const [i, layer] of image.manifest.layers.entries()) {
            const blob = image.blob(layer.digest);
            const bytes = ctx.sys.readBytes(blob);
            if (sha256(bytes) !== layer.digest)
                return fail(`layer ${i + 1}: sha256 of the blob is ${sha256(bytes).slice(0, 19)}, manifest says ${layer.digest.slice(0, 19)}`);
            if (sha256(gunzipSync(bytes)) !== image.config.rootfs.diff_ids[i])
                return fail(`layer ${i + 1}: uncompressed sha256 does not match diff_ids[${i}]`);
            const entries = tarEntries(ctx.sys, blob);
            const missing = entries.filter((e) => lstatOrNull(ctx.sys, join(dirs[i], e.path)) === null && !e.path.split('/').pop().startsWith('.wh.'));
            if (missing.length)
                return fail(`${layerName(dirs[i])} lacks ${missing.length} of the layer's entries, e.g. ${missing[0].path}`);
            parts.push(`${layerName(dirs[i])} = ${layer.digest.slice(0, 19)} (${entries.length} entries)`);
        }
        return pass(`blobs hash to their digests; ${parts.join(', ')}`);
    },
});
export const overlayMounted = defineCheck({
    name: 'overlay-mounted',
    params: z.strictObject({ container: containerName }),
    doc: 'Finds the overlay mounted on <session>/containers/<container>/merged in the container process\'s '
        + '/proc/<pid>/mountinfo and passes when its lowerdir is the session\'s layer directories top first and its '
        + 'upperdir and workdir are the container\'s own, and the helper\'s /proc/self/mountinfo (the host\'s mount '
        + 'namespace) has no mount on merged.',
    reads: ['/proc/<builder pid>/mountinfo overlay super options', '/proc/self/mountinfo (the host\'s)', 'readdir(2) of <session>/layers'],
    run: (ctx, { container }) => {
        const p = paths(ctx, container);
        const found = overlaysInside(ctx).find((o) => o.mount.mountPoint === p.merged);
        if (!found || !found.options)
            return fail(`no overlay on ${p.merged} in the container's mountinfo`);
        const expected = layerDirs(ctx).reverse();
        const { lower, upper, work } = found.options;
        if (lower.join(':') !== expected.join(':'))
            return fail(`lowerdir is ${lower.join(':')}, expected ${expected.join(':')}`);
        if (upper !== p.upper || work !== p.work)
            return fail(`upperdir ${upper}, workdir ${work}; expected ${p.upper}, ${p.work}`);
        const host = parseMountinfo(ctx.sys.readFile('/proc/self/mountinfo')).some((m) => m.mountPoint === p.merged);
        if (host)
            return fail(`the host's mountinfo has ${p.merged} too`);
        return pass(`overlay on ${p.merged}: lowerdir ${lower.map(layerName).join(':')}, upperdir and workdir of ${container}; not in the host's mountinfo`);
    },
});
export const inUpperOnly = defineCheck({
    name: 'in-upper-only',
    params: z.strictObject({ container: containerName, path: z.string().min(1) }),
    doc: 'Passes when the path is a regular file in the container\'s upperdir, no lower layer directory has it '
        + '(lstat(2)), and merged, read through the container process\'s /proc/<pid>/root and resolved inside it, shows '
        + 'the same contents: a new file lives only in the container\'s layer.',
    reads: ['lstat(2) in upperdir (resolved inside it, openat2 RESOLVE_IN_ROOT) and of every <session>/layers/<n>', 'upperdir file contents (resolved inside it)', '<merged path>, through /proc/<container process>/root and resolved inside merged (openat2 RESOLVE_IN_ROOT)'],
    run: (ctx, { container, path }) => {
        const p = paths(ctx, container);
        const r = rel(path);
        const st = upperStat(ctx.sys, p.upper, r);
        if (!st?.isFile)
            return fail(`upperdir has no file ${r}`);
        const lowers = lowersWith(ctx, r);
        if (lowers.length)
            return fail(`${r} is also in ${lowers.map(layerName).join(', ')}`);
        const seen = inMerged(ctx, p.merged, (m) => mergedFile(m, r));
        if (!seen?.equals(upperBytes(ctx.sys, p.upper, r)))
            return fail(`the merged view of ${r} differs from upperdir's file`);
        return pass(`${r}: in upperdir (${st.size} bytes, inode ${st.ino}), in no lower layer; merged shows it`);
    },
});
export const copiedUp = defineCheck({
    name: 'copied-up',
    params: z.strictObject({ container: containerName, path: z.string().min(1) }),
    doc: 'Passes when the path is in the container\'s upperdir and in a lower layer, the top lower copy still equals '
        + 'the entry in its layer\'s tar (read from the blob with node-tar), the upper copy differs from it, and merged, '
        + 'read through the container process\'s /proc/<pid>/root and resolved inside it, shows the upper copy: overlayfs copied the file up '
        + 'before changing it and the layer stayed read-only.',
    reads: ['lstat(2) and contents of the upperdir file (resolved inside upperdir, openat2 RESOLVE_IN_ROOT) and of <session>/layers/<n> files', 'the layer blob\'s tar entry (node-tar)', '<merged path>, through /proc/<container process>/root and resolved inside merged (openat2 RESOLVE_IN_ROOT)'],
    run: (ctx, { container, path }) => {
        const p = paths(ctx, container);
        const r = rel(path);
        const upper = upperStat(ctx.sys, p.upper, r);
        if (!upper?.isFile)
            return fail(`upperdir has no copy of ${r}`);
        const [top] = lowersWith(ctx, r);
        if (!top)
            return fail(`${r} is in no lower layer: that is a new file, not a copy-up`);
        const lowerBytes = ctx.sys.readBytes(join(top, r));
        const upperCopy = upperBytes(ctx.sys, p.upper, r);
        // The lower file must be byte for byte what its layer's blob holds.
        const n = Number(top.split('/').pop());
        const layers = unpackedLayers(ctx);
        const image = layers ? imageByRef(ctx.sys, layers.imageDir, 'latest') : null;
        const layer = image?.manifest.layers[n - 1];
        if (!image || !layer)
            return fail(`cannot find layer ${n} of the image to compare with`);
        const original = tarEntries(ctx.sys, image.blob(layer.digest)).find((e) => e.path === r);
        if (!original)
            return fail(`layer ${n}'s tar has no ${r}`);
        if (!lowerBytes.equals(original.data))
            return fail(`${layerName(top)}/${r} changed: it no longer matches layer ${n}'s tar`);
        if (upperCopy.equals(lowerBytes))
            return fail(`upperdir's ${r} is identical to the lower one: nothing was changed`);
        const seen = inMerged(ctx, p.merged, (m) => mergedFile(m, r));
        if (!seen?.equals(upperCopy))
            return fail(`merged shows something other than upperdir's ${r}`);
        const lowerIno = ctx.sys.lstat(join(top, r)).ino;
        return pass(`copied up: upper ${r} (${upperCopy.length} bytes, inode ${upper.ino}) ≠ ${layerName(top)}/${r} (${lowerBytes.length} bytes, inode ${lowerIno}), which still equals its layer's tar`);
    },
});
export const whiteout = defineCheck({
    name: 'whiteout',
    params: z.strictObject({ container: containerName, path: z.string().min(1) }),
    doc: 'Passes when the container\'s upperdir has a character device with device number 0/0 at the path (an '
        + 'overlayfs whiteout, lstat(2) st_rdev), a lower layer still has the path, and lstat(2) in merged, '
        + 'through the container process\'s /proc/<pid>/root and resolved inside it, finds nothing there.',
    reads: ['lstat(2) in upperdir (st_mode, st_rdev; resolved inside it, openat2 RESOLVE_IN_ROOT) and of every <session>/layers/<n>', '<merged path>, through /proc/<container process>/root and resolved inside merged (openat2 RESOLVE_IN_ROOT)'],
    run: (ctx, { container, path }) => {
        const p = paths(ctx, container);
        const r = rel(path);
        const st = upperStat(ctx.sys, p.upper, r);
        if (!st)
            return fail(`upperdir has nothing at ${r}`);
        // overlayfs.rst: "A whiteout is created as a character device with 0/0 device number".
        if (!st.isCharacterDevice || st.rdev !== 0)
            return fail(`upperdir's ${r} is not a 0/0 character device (mode ${st.mode.toString(8)}, rdev ${st.rdev})`);
        const lowers = lowersWith(ctx, r);
        if (!lowers.length)
            return fail(`no lower layer has ${r}: nothing to hide`);
        if (inMerged(ctx, p.merged, (m) => m.exists(r)))
            return fail(`${r} still shows in the merged directory`);
        return pass(`upper ${r}: character device 0:0 (a whiteout); ${lowers.map(layerName).join(', ')} still ha${lowers.length === 1 ? 's' : 've'} it; merged does not`);
    },
});
export const opaqueDir = defineCheck({
    name: 'opaque-dir',
    params: z.strictObject({ container: containerName, path: z.string().min(1) }),
    doc: 'Passes when the path is a directory in the container\'s upperdir with the xattr trusted.overlay.opaque="y" '
        + '(user.overlay.opaque when the container\'s mountinfo shows the overlay mounted with userxattr, as rootless) '
        + '(lgetxattr(2)), a lower layer has a directory there, and readdir(2) of the merged path, through the container '
        + 'process\'s /proc/<pid>/root and resolved inside it, lists exactly the upper directory\'s entries: the lower ones are hidden.',
    reads: ['/proc/<container process>/mountinfo (the overlay\'s options)', 'lgetxattr(2) trusted.overlay.opaque (or user.overlay.opaque) on the upperdir directory', 'readdir(2) of the upperdir directory (resolved inside upperdir) and the lower directory', '<merged path>, through /proc/<container process>/root and resolved inside merged (openat2 RESOLVE_IN_ROOT)'],
    run: (ctx, { container, path }) => {
        const p = paths(ctx, container);
        const r = rel(path);
        const st = upperStat(ctx.sys, p.upper, r);
        if (!st?.isDirectory)
            return fail(`upperdir has no directory ${r}`);
        const name = opaqueName(ctx, p.merged);
        const value = getXattr(join(p.upper, r), name)?.toString('utf8') ?? null;
        if (value !== 'y')
            return fail(`upper ${r} has ${name}=${value === null ? '(none)' : JSON.stringify(value)}, expected "y"`);
        const lowers = lowersWith(ctx, r).filter((d) => ctx.sys.lstat(join(d, r)).isDirectory);
        if (!lowers.length)
            return fail(`no lower layer has a directory ${r}`);
        const hidden = ctx.sys.readdir(join(lowers[0], r));
        const merged = inMerged(ctx, p.merged, (m) => m.readdir(r)).sort();
        const upper = ctx.sys.inRoot(p.upper, (u) => u.readdir(r)).sort();
        if (merged.join('/') !== upper.join('/'))
            return fail(`merged lists ${merged.join(', ') || 'nothing'}, upper has ${upper.join(', ') || 'nothing'}`);
        return pass(`upper ${r}: ${name}="y"; ${layerName(lowers[0])}'s ${hidden.join(', ')} hidden; merged lists ${merged.length ? merged.join(', ') : 'nothing'}`);
    },
});
/** Files, symlinks, whiteouts and opaque directories in upperdir: what a commit would pack. */
function upperChanges(sys, upper, opaque) {
    const out = [];
    const walk = (dir, prefix) => {
        for (const name of sys.readdir(dir).sort()) {
            const path = join(dir, name);
            const r = prefix ? `${prefix}/${name}` : name;
            if (sys.lstat(path).isDirectory) {
                if (getXattr(path, opaque)?.toString('utf8') === 'y')
                    out.push(`${r}/`);
                walk(path, r);
            }
            else {
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
    doc: 'Walks the container\'s upperdir (readdir(2), lstat(2)) and passes when its files, symlinks, whiteouts and '
        + 'opaque directories (trusted.overlay.opaque="y", or user.overlay.opaque with userxattr; listed with a trailing '
        + 'slash) are exactly the listed paths: the directories above them do not count.',
    reads: ['readdir(2) and lstat(2) of upperdir', '/proc/<container process>/mountinfo (the overlay\'s options)', 'lgetxattr(2) trusted.overlay.opaque (or user.overlay.opaque) of its directories'],
    run: (ctx, { container, only }) => {
        const p = paths(ctx, container);
        const found = upperChanges(ctx.sys, p.upper, opaqueName(ctx, p.merged));
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
    doc: 'Reads the manifest tagged committed-<session id> in the image\'s index.json and passes when its blob hashes '
        + 'to its digest, it has the image\'s layers plus one, the new layer\'s blob hashes to its digest and size and '
        + 'its uncompressed sha256 is the config\'s last diff_id, and node-tar lists exactly the expected non-directory '
        + 'entries (whiteouts as .wh.<name>, opaque directories as .wh..wh..opq).',
    reads: ['<image>/index.json, manifest and config blobs', 'the new layer blob: sha256, gunzip, tar listing (node-tar)'],
    run: (ctx, { entries }) => {
        const dir = unpackedLayers(ctx)?.imageDir;
        if (!dir)
            return fail('no image in this session');
        const ref = `committed-${ctx.session.id}`;
        const image = imageByRef(ctx.sys, dir, ref);
        if (!image)
            return fail(`index.json has no "${ref}" tag`);
        if (sha256(image.manifestBytes) !== image.desc.digest)
            return fail('the manifest blob does not hash to its digest');
        const base = imageByRef(ctx.sys, dir, 'latest');
        const top = image.manifest.layers[image.manifest.layers.length - 1];
        if (!base || image.manifest.layers.length !== base.manifest.layers.length + 1)
            return fail(`the committed manifest has ${image.manifest.layers.length} layers; expected the image's plus one`);
        const blobPath = image.blob(top.digest);
        const bytes = ctx.sys.readBytes(blobPath);
        const digest = sha256(bytes);
        if (digest !== top.digest || bytes.length !== top.size)
            return fail(`the new layer's blob hashes to ${digest.slice(0, 19)} (${bytes.length} bytes); the manifest says ${top.digest.slice(0, 19)} (${top.size})`);
        const diffIds = image.config.rootfs.diff_ids;
        if (sha256(gunzipSync(bytes)) !== diffIds[diffIds.length - 1])
            return fail('the new layer\'s uncompressed sha256 is not the last diff_id');
        const listed = tarEntries(ctx.sys, blobPath).filter((e) => e.type !== 'Directory').map((e) => e.path).sort();
        const want = entries.map(rel).sort();
        if (listed.join('\n') !== want.join('\n'))
            return fail(`the new layer holds ${listed.join(', ')}; expected ${want.join(', ')}`);
        return pass(`new layer ${digest.slice(0, 19)} = sha256 of its blob (${bytes.length} bytes); holds ${listed.join(', ')}; tagged ${ref}`);
    },
});
export const layersShared = defineCheck({
    name: 'layers-shared',
    params: z.strictObject({ containers: z.array(containerId).length(2) }),
    doc: 'Finds both containers\' overlays in the container process\'s /proc/<pid>/mountinfo and passes when their '
        + 'lowerdirs are the same directories (dev:inode by lstat(2)), their upperdirs differ, and no file the first '
        + 'container changed shows with the same contents in the second one\'s merged directory (read through the container '
        + 'process\'s /proc/<pid>/root, resolved inside merged).',
    reads: ['/proc/<builder pid>/mountinfo overlay super options', 'lstat(2) of lowerdirs and upperdirs', '<merged path>, through /proc/<container process>/root and resolved inside merged (openat2 RESOLVE_IN_ROOT)'],
    run: (ctx, { containers }) => {
        const overlays = overlaysInside(ctx);
        const mounts = containers.map((c) => overlays.find((o) => o.mount.mountPoint === paths(ctx, c).merged));
        if (mounts.some((m) => !m?.options))
            return fail(`not every one of ${containers.join(', ')} has an overlay mounted`);
        const [a, b] = mounts.map((m) => m.options);
        const ids = (dirs) => dirs.map((d) => { const st = ctx.sys.lstat(d); return `${st.dev}:${st.ino}`; });
        const ia = ids(a.lower);
        const ib = ids(b.lower);
        if (ia.join(' ') !== ib.join(' '))
            return fail(`lower layers differ: ${ia.join(' ')} vs ${ib.join(' ')}`);
        const ua = ctx.sys.lstat(a.upper).ino;
        const ub = ctx.sys.lstat(b.upper).ino;
        if (ua === ub)
            return fail('both containers write to the same upperdir');
        // What the first container changed must not show in the second one's merged view.
        const mergedB = paths(ctx, containers[1]).merged;
        const files = upperChanges(ctx.sys, a.upper, opaqueXattr(a.userxattr)).filter((f) => !f.endsWith('/') && ctx.sys.lstat(join(a.upper, f)).isFile);
        for (const f of files) {
            const mine = upperBytes(ctx.sys, a.upper, f);
            if (inMerged(ctx, mergedB, (m) => mergedFile(m, f))?.equals(mine)) {
                return fail(`${containers[1]} sees ${containers[0]}'s change to ${f}`);
            }
        }
        return pass(`${containers.join(' and ')} stack the same ${ia.length} lower directories (dev:inode ${ia.join(', ')}); upperdirs differ (inodes ${ua}, ${ub}); ${containers[0]}'s ${files.length} changed files do not show in ${containers[1]}`);
    },
});
