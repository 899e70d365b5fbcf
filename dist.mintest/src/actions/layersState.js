// What the layers lesson has made so far: unpacked layer directories, overlay mounts, the commit.
import { join } from 'node:path';
import { defineSlot } from '../steps/slots.js';
import { LabError } from '../errors.js';
export function layerDir(sessionDir, n) {
    return join(sessionDir, 'layers', String(n));
}
/** <session>/containers/<name>/{upper,work,merged}: gone with the session directory. */
export function overlayPaths(sessionDir, container) {
    const base = join(sessionDir, 'containers', container);
    return { upper: join(base, 'upper'), work: join(base, 'work'), merged: join(base, 'merged') };
}
/** The tag a session's commit gets in index.json. */
export function commitRef(sessionId) {
    return `committed-${sessionId}`;
}
/**
 * Made by unpack-layers once every layer is unpacked. No teardown: the overlays are mounted only in
 * the container process's mount namespace (the host's mount table never has them), so they go when
 * that process exits; the layer, upper, work and merged directories go with the session directory.
 */
export const layersSlot = defineSlot({
    name: 'layers',
    create: () => ({ imageDir: '', layerDirs: [], digests: [], containers: {} }),
});
/** The layers lesson's state if unpack-layers has run in this session. */
export function unpackedLayers(ctx) {
    return ctx.slots.get(layersSlot);
}
export function requireLayers(ctx) {
    const layers = unpackedLayers(ctx);
    if (!layers)
        throw new LabError('the image\'s layers are not unpacked yet', 'run the step that unpacks the layers (unpack-layers) first');
    return layers;
}
export function requireContainer(ctx, container) {
    const paths = requireLayers(ctx).containers[container];
    if (!paths)
        throw new LabError(`container ${container} has no overlay mounted`, `run mount-overlay with container: ${container} first`);
    return paths;
}
