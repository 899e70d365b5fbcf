// Builds the lab image from what the host has: base layer (busybox or host binaries) + hello app layer.
import { chmodSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { LabError } from '../errors.js';
import { whichProgram } from '../../native/findProgram.js';
import { busyboxBinaries, findStaticBusybox, type BaseBinaries } from './busybox.js';
import { hostBinaries, HostBinariesError } from './hostBinaries.js';
import { appLayerEntries, baseLayerEntries, HELLO_PATH } from './layerContents.js';
import { EPOCH_ISO, LAB_REF, SOURCE_LABEL, discardLayout, startLayout, taggedDescriptor, writeImage, writeIndex, writeLayer, MEDIA } from './ociLayout.js';

export type ImageSource = 'busybox' | 'host-binaries';

/** Which source this host can build from: a static busybox if there is one, else its own binaries. */
export function chooseSource(): ImageSource {
  if (findStaticBusybox()) return 'busybox';
  if (whichProgram('ldd')) return 'host-binaries';
  throw new LabError('cannot build the lab image: there is no static busybox on PATH, and ldd is missing (so the host\'s own programs cannot be copied with their libraries)',
    'install busybox-static (e.g. sudo apt-get install busybox-static), or the C library tools that provide ldd (libc-bin)');
}

function baseBinaries(source: ImageSource): BaseBinaries {
  if (source === 'busybox') {
    const busybox = findStaticBusybox();
    if (!busybox) throw new LabError('cannot build the lab image from busybox: no statically linked busybox on PATH', 'install busybox-static (e.g. sudo apt-get install busybox-static)');
    return busyboxBinaries(busybox);
  }
  try {
    return hostBinaries();
  } catch (error) {
    if (error instanceof HostBinariesError) throw new LabError(`cannot build the lab image from the host's binaries: ${error.message}`, 'install busybox-static, or libc-bin for ldd');
    throw error;
  }
}

/**
 * Writes a complete layout into a new directory beside `target` and returns that directory;
 * the caller renames it into place. Nothing in it depends on the time or the user: the same
 * host gives the same digests.
 */
export function buildLayout(target: string, source: ImageSource): string {
  const binaries = baseBinaries(source);
  const dir = startLayout(target);
  try {
    const base = writeLayer(dir, baseLayerEntries(binaries), `container-lab: base layer from ${binaries.description}; /etc, empty /proc /sys /dev /tmp`);
    const app = writeLayer(dir, appLayerEntries(), `container-lab: COPY hello ${HELLO_PATH} (the greeting a first container prints)`);
    const { manifest } = writeImage(dir, { layers: [base, app], cmd: [HELLO_PATH], labels: { [SOURCE_LABEL]: source }, created: EPOCH_ISO });
    writeIndex(dir, { schemaVersion: 2, mediaType: MEDIA.index, manifests: [taggedDescriptor(manifest, LAB_REF)] });
    rmSync(join(dir, '.incoming'), { recursive: true, force: true });
    chmodSync(dir, 0o755);
    return dir;
  } catch (error) {
    discardLayout(dir);
    throw error;
  }
}

