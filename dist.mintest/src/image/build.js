// Builds the lab image from what the host has: base layer (busybox or host binaries) + hello app layer.
import { chmodSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LabError } from '../errors.js';
import { whichProgram } from '../../native/findProgram.js';
import { appletLinks, busyboxBinaries, findStaticBusybox } from './busybox.js';
import { hostBinaries, hostPrograms, HostBinariesError } from './hostBinaries.js';
import { appLayerEntries, baseLayerEntries, HELLO_PATH } from './layerContents.js';
import { EPOCH_ISO, LAB_REF, SOURCE_LABEL, discardLayout, startLayout, taggedDescriptor, writeImage, writeIndex, writeLayer, MEDIA } from './ociLayout.js';
import { BUILDER_FORMAT, imagePrograms, pickSource, writeProvenance } from './provenance.js';
/** busybox --list-full, once per busybox file (path, size and mtime) in this process. */
const appletsSeen = new Map();
function busyboxPrograms(file) {
    const key = `${file.path}\0${file.size}\0${file.mtimeMs}`;
    if (!appletsSeen.has(key)) {
        try {
            appletsSeen.set(key, imagePrograms([{ path: 'bin/busybox', type: 'file', mode: 0o755 }, ...appletLinks(file.path)]));
        }
        catch {
            return null; // a busybox that cannot list its applets cannot be built from
        }
    }
    return appletsSeen.get(key);
}
/** What this host can build the image from now: its static busybox (if any) and its own programs (if ldd is there). */
export function probeHost() {
    let busybox = null;
    const path = findStaticBusybox();
    if (path) {
        const { size, mtimeMs } = statSync(path);
        const programs = busyboxPrograms({ path, size, mtimeMs });
        if (programs)
            busybox = { path, size, mtimeMs, programs };
    }
    return { busybox, hostPrograms: whichProgram('ldd') ? hostPrograms() : null };
}
/** Which source this host can build from: a static busybox if there is one, else its own binaries. */
export function chooseSource(host = probeHost()) {
    return pickSource(host);
}
function baseBinaries(source, host) {
    if (source === 'busybox')
        return busyboxBinaries(host.busybox.path);
    try {
        return hostBinaries();
    }
    catch (error) {
        if (error instanceof HostBinariesError)
            throw new LabError(`cannot build the lab image from the host's binaries: ${error.message}`, 'install busybox-static, or libc-bin for ldd');
        throw error;
    }
}
/**
 * Writes a complete layout into a new directory beside `target` and returns that directory;
 * the caller renames it into place. Nothing in it depends on the time or the user: the same
 * host gives the same digests.
 */
export function buildLayout(target, source, host = probeHost()) {
    pickSource(host, [], source); // says what to install when this host cannot build from `source`
    const binaries = baseBinaries(source, host);
    const dir = startLayout(target);
    try {
        const base = writeLayer(dir, baseLayerEntries(binaries), `container-lab: base layer from ${binaries.description}; /etc, empty /proc /sys /dev /tmp`);
        const app = writeLayer(dir, appLayerEntries(), `container-lab: COPY hello ${HELLO_PATH} (the greeting a first container prints)`);
        const { manifest } = writeImage(dir, { layers: [base, app], cmd: [HELLO_PATH], labels: { [SOURCE_LABEL]: source }, created: EPOCH_ISO });
        writeIndex(dir, { schemaVersion: 2, mediaType: MEDIA.index, manifests: [taggedDescriptor(manifest, LAB_REF)] });
        const busybox = source === 'busybox' ? { path: host.busybox.path, size: host.busybox.size, mtimeMs: host.busybox.mtimeMs } : null;
        writeProvenance(dir, { format: BUILDER_FORMAT, source, busybox, programs: imagePrograms(binaries.entries), manifestDigest: manifest.digest });
        rmSync(join(dir, '.incoming'), { recursive: true, force: true });
        chmodSync(dir, 0o755);
        return dir;
    }
    catch (error) {
        discardLayout(dir);
        throw error;
    }
}
