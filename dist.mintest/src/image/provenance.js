// What the cached lab image was built from, and whether it still serves this host and this step.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { LabError } from '../errors.js';
/** Bump when what the builder writes changes: a cache from another builder format is rebuilt. */
export const BUILDER_FORMAT = 1;
/** Beside oci-layout and index.json in the cache; not part of the image, so not in any digest. */
export const PROVENANCE_FILE = 'container-lab-build.json';
const ON_PATH = /^(usr\/)?s?bin\/[^/]+$/;
/** The program names a layer's entries put on PATH: files and symlinks in bin, sbin, usr/bin, usr/sbin. */
export function imagePrograms(entries) {
    const names = entries.filter((e) => (e.type === 'file' || e.type === 'symlink') && ON_PATH.test(e.path)).map((e) => basename(e.path));
    return [...new Set(names)].sort();
}
export function writeProvenance(dir, provenance) {
    writeFileSync(join(dir, PROVENANCE_FILE), JSON.stringify(provenance, null, 2) + '\n', { mode: 0o644 });
}
const isBusyboxFile = (b) => typeof b?.path === 'string' && typeof b.size === 'number' && typeof b.mtimeMs === 'number';
/** The build record in a cache directory, or why there is none that can be trusted. */
export function readProvenance(dir) {
    let p;
    try {
        p = JSON.parse(readFileSync(join(dir, PROVENANCE_FILE), 'utf8'));
    }
    catch (error) {
        const code = error.code;
        return { missing: code === 'ENOENT' ? `no ${PROVENANCE_FILE}` : `${PROVENANCE_FILE} is unreadable (${error.message})` };
    }
    const valid = typeof p?.format === 'number' && (p.source === 'busybox' || p.source === 'host-binaries')
        && (p.busybox === null || isBusyboxFile(p.busybox)) && Array.isArray(p.programs) && p.programs.every((n) => typeof n === 'string')
        && typeof p.manifestDigest === 'string';
    return valid ? { provenance: p } : { missing: `${PROVENANCE_FILE} is not a build record` };
}
const FROM = { busybox: 'the host\'s static busybox', 'host-binaries': 'the host\'s own binaries' };
/** "the host's static busybox" / "the host's own binaries": where a build takes its base layer from. */
export function describeSource(source) {
    return FROM[source];
}
const INSTALL_BUSYBOX = 'install busybox-static (e.g. sudo apt-get install busybox-static): the lab image is rebuilt from it on next use';
function offers(host, source) {
    return source === 'busybox' ? host.busybox?.programs ?? null : host.hostPrograms;
}
/**
 * The source to build from: the one asked for, else a static busybox, else the host's binaries;
 * the first that is there and holds every program in `needs`. If none does, the error names what
 * to install.
 */
export function pickSource(host, needs = [], asked) {
    const candidates = asked ? [asked] : ['busybox', 'host-binaries'];
    for (const source of candidates) {
        const programs = offers(host, source);
        if (programs && needs.every((n) => programs.includes(n)))
            return source;
    }
    if (!asked && !host.busybox && !host.hostPrograms) {
        throw new LabError('cannot build the lab image: there is no static busybox on PATH, and ldd is missing (so the host\'s own programs cannot be copied with their libraries)', 'install busybox-static (e.g. sudo apt-get install busybox-static), or the C library tools that provide ldd (libc-bin)');
    }
    if (asked === 'busybox' && !host.busybox)
        throw new LabError('cannot build the lab image from busybox: no statically linked busybox on PATH', INSTALL_BUSYBOX);
    if (asked === 'host-binaries' && !host.hostPrograms)
        throw new LabError('cannot build the lab image from the host\'s binaries: ldd is missing', 'install busybox-static, or libc-bin for ldd');
    const best = candidates.map((s) => offers(host, s)).find((programs) => programs !== null) ?? [];
    const lacking = needs.filter((n) => !best.includes(n));
    const why = asked === 'host-binaries' ? 'an image from the host\'s own binaries cannot have it (it was asked to be built from them)'
        : host.busybox ? `the static busybox on this host (${host.busybox.path}) has no such applet`
            : 'this host has no static busybox to build one that has';
    throw new LabError(`the lab image has no ${lacking.join(', ')}, which this step needs, and ${why}`, INSTALL_BUSYBOX);
}
const sameFile = (a, b) => a !== null && a.path === b.path && a.size === b.size && a.mtimeMs === b.mtimeMs;
/**
 * Whether a cached image (verified, with this manifest digest) still serves, from its build
 * record: a record from this builder, the source asked for, every program in `needs`, and no
 * better build possible now (a static busybox that appeared since a build from the host's
 * binaries, or a busybox that changed since). Otherwise: the source to rebuild from and one line
 * saying why. Throws (with what to install) only when no rebuild could hold what `needs` names.
 */
export function judgeCache(record, c) {
    const needs = c.needs ?? [];
    const rebuild = (reason) => ({ use: false, source: pickSource(c.host, needs, c.source), reason });
    if ('missing' in record)
        return rebuild(`the cached lab image in ${c.dir} has no record of how it was built (${record.missing}); building it again`);
    const p = record.provenance;
    if (p.manifestDigest !== c.manifestDigest)
        return rebuild(`the build record in ${c.dir} is about another image; building the lab image again`);
    if (p.format !== BUILDER_FORMAT)
        return rebuild(`the cached lab image in ${c.dir} was built by another builder format (${p.format}, now ${BUILDER_FORMAT}); building it again`);
    if (c.source && p.source !== c.source)
        return rebuild(`the cached image in ${c.dir} was built from ${p.source}; building it from ${c.source} as asked`);
    const lacking = needs.filter((n) => !p.programs.includes(n));
    if (lacking.length > 0) {
        const source = pickSource(c.host, needs, c.source);
        return { use: false, source, reason: `the cached lab image has no ${lacking.join(', ')}, which this step needs: rebuilding it from ${describeSource(source)}` };
    }
    const busybox = c.host.busybox;
    if (c.source || !busybox || !needs.every((n) => busybox.programs.includes(n)))
        return { use: true };
    if (p.source === 'host-binaries') {
        return { use: false, source: 'busybox', reason: `a static busybox is on this host now (${busybox.path}), and the cached lab image was built from the host's own binaries: rebuilding it from busybox` };
    }
    if (!sameFile(p.busybox, busybox)) {
        const was = p.busybox ? `${p.busybox.path}, ${p.busybox.size} bytes` : 'unknown';
        return { use: false, source: 'busybox', reason: `the host's busybox changed since the lab image was built (was ${was}; now ${busybox.path}, ${busybox.size} bytes): rebuilding it` };
    }
    return { use: true };
}
