// `container-lab image`: where the lab image is, what it was built from, its layers and digests.
import { LabError } from '../errors.js';
import { shortDigest } from './digest.js';
import { ensureLabImage, imageCacheDir } from './labImage.js';
import { listRefs, readImageRef } from './verify.js';
import { LAB_REF } from './ociLayout.js';
import { readProvenance } from './provenance.js';
export function formatSize(bytes) {
    if (bytes < 1024)
        return `${bytes} B`;
    if (bytes < 1024 * 1024)
        return `${(bytes / 1024).toFixed(1)} KiB`;
    return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
/** The build record's line: which busybox, how many programs, which builder. */
function builtFrom(p) {
    const from = p.busybox ? `${p.busybox.path} (${formatSize(p.busybox.size)})` : 'the host\'s binaries';
    return `built      from ${from}: ${p.programs.length} programs on PATH, builder format ${p.format}`;
}
export function describeImage(image, style) {
    const record = readProvenance(image.dir);
    const lines = [
        `${style.bold('lab image')}  ${image.dir}  ${style.dim('(OCI image layout, image-spec v1.1)')}`,
        `source     ${image.source === 'busybox' ? 'static busybox from this host' : 'this host\'s own binaries and the libraries ldd names'}`,
        ...('provenance' in record ? [builtFrom(record.provenance)] : []),
        `manifest   ${shortDigest(image.manifestDigest)}  ${style.dim(image.manifestDigest)}`,
        `config     ${shortDigest(image.configDigest)}  ${style.dim(image.configDigest)}`,
        `cmd        ${JSON.stringify(image.cmd)}`,
        `layers     ${image.layers.length}, bottom first (size = compressed blob):`,
    ];
    image.layers.forEach((l, i) => {
        lines.push(`  ${i + 1}  ${shortDigest(l.digest)}  ${formatSize(l.size).padStart(9)}  ${l.createdBy}`);
        lines.push(`     ${style.dim(`digest  ${l.digest}`)}`);
        lines.push(`     ${style.dim(`diff_id ${l.diffId}`)}`);
    });
    lines.push(style.ok('✓ every blob\'s sha256 matches its name, sizes match the manifest, diff_ids match the layers'));
    return lines;
}
/** Lists the commits made by the layers lesson, each verified like the image itself. */
function describeCommits(dir, style) {
    const refs = listRefs(dir).filter((r) => r !== LAB_REF);
    if (refs.length === 0)
        return [];
    const lines = ['committed images (from the layers lesson):'];
    for (const ref of refs) {
        try {
            const img = readImageRef(dir, ref);
            const top = img.layers[img.layers.length - 1];
            lines.push(`  ${ref}  manifest ${shortDigest(img.manifestDigest)}, ${img.layers.length} layers, top ${shortDigest(top.digest)} (${formatSize(top.size)})`);
        }
        catch (error) {
            lines.push(`  ${ref}  ${style.bad(error.message)}`);
        }
    }
    return lines;
}
/** image --json: the image and the commits as one document (every digest in full, sizes in bytes). */
export function imageJson(image, dir) {
    const record = readProvenance(image.dir);
    const layers = (img) => img.layers.map((l) => ({ digest: l.digest, diffId: l.diffId, size: l.size, createdBy: l.createdBy }));
    const commits = listRefs(dir).filter((r) => r !== LAB_REF).map((ref) => {
        try {
            const img = readImageRef(dir, ref);
            return { ref, manifestDigest: img.manifestDigest, configDigest: img.configDigest, layers: layers(img) };
        }
        catch (error) {
            return { ref, error: error.message };
        }
    });
    return {
        dir: image.dir, source: image.source, manifestDigest: image.manifestDigest, configDigest: image.configDigest, cmd: image.cmd,
        layers: layers(image), provenance: 'provenance' in record ? record.provenance : null, commits,
    };
}
/** With json, progress goes to stderr and stdout holds only the document. */
export async function runImageCommand(style, out, err, json = false) {
    const dir = imageCacheDir();
    try {
        const image = await ensureLabImage({ cacheDir: dir, onMessage: (line) => (json ? err(line) : out(style.dim(line))) });
        if (json)
            out(JSON.stringify(imageJson(image, dir), null, 2));
        else
            for (const line of [...describeImage(image, style), ...describeCommits(dir, style)])
                out(line);
        return 0;
    }
    catch (error) {
        if (!(error instanceof LabError))
            throw error;
        err(`container-lab: ${error.message}`);
        if (error.hint)
            err(`  fix: ${error.hint}`);
        return 1;
    }
}
