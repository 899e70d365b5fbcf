// "docker commit" by hand: the container's upperdir becomes a new layer; a new config and manifest tag it.
import { z } from 'zod';
import { defineAction, program, outcome } from '../steps/define.js';
import { containerName } from '../steps/params.js';
import { commitRef, requireContainer, requireLayers } from './layersState.js';
import { commitUpperDir } from '../image/commit.js';
import { shortDigest } from '../image/digest.js';
import { mapOutsideToInside, parseIdMap } from '../observe/parse/idMap.js';
/**
 * Rootless, upperdir's files belong on the host to the user, whom the container's user namespace
 * maps to root: the layer records the owner the container saw (uid_map, user_namespaces(7)), as
 * docker commit would. An id the map does not cover is the overflow id 65534.
 */
function insideIds(ctx) {
    const uids = parseIdMap(ctx.sys.readFile(`/proc/${ctx.builder.pid}/uid_map`));
    const gids = parseIdMap(ctx.sys.readFile(`/proc/${ctx.builder.pid}/gid_map`));
    return (uid, gid) => ({ uid: mapOutsideToInside(uid, uids) ?? 65534, gid: mapOutsideToInside(gid, gids) ?? 65534 });
}
export const commitLayer = defineAction({
    name: 'commit-layer',
    params: z.strictObject({ container: containerName }),
    doc: 'What docker commit does, by hand, in the helper: the container\'s upperdir is packed as a new gzip tar layer '
        + '(a whiteout becomes a .wh.<name> entry, an opaque directory a .wh..wh..opq entry), written as a blob named by '
        + 'its sha256, and a new config (diff_ids and history one longer) and manifest are written and tagged '
        + 'committed-<session id> in the image\'s index.json. The learner sees the new layer\'s digest and entries, and '
        + 'the new config and manifest; the image\'s own layers and its "latest" tag stay as they were. Rootless, each '
        + 'entry records the owner the container saw (the file\'s owner on the host through the container process\'s '
        + 'uid_map and gid_map), not the user\'s uid.',
    host: {
        effect: 'writes a new layer, config and manifest of the lab image into the image cache, tagged committed-<session>',
        untrusted: 'allowed',
    },
    performs: [program('tar of the upperdir', 'the OCI image-spec layer format')],
    needs: ['overlay {container}'],
    provides: ['committed layer'],
    run: async (ctx, { container }) => {
        const layers = requireLayers(ctx);
        const { upper } = requireContainer(ctx, container);
        const ref = commitRef(ctx.session.id);
        const ids = ctx.rootless ? insideIds(ctx) : undefined;
        const result = commitUpperDir({ imageDir: layers.imageDir, upper, ref, ids, createdBy: `container-lab commit: upperdir of container ${container} (session ${ctx.session.id})` });
        const { layer, image } = result;
        layers.committed = { ref, manifestDigest: image.manifestDigest, layerDigest: layer.digest };
        const names = result.entries.filter((e) => e.type !== 'dir').map((e) => e.path);
        return outcome(ctx.sys.drain(), [
            `layer     ${shortDigest(layer.digest)}  ${layer.size} bytes gzip; diff_id ${shortDigest(layer.diffId)}${result.layerWritten ? '' : '  (already in the layout: same changes, same digest)'}`,
            `          ${names.join('  ')}`,
            `config    ${shortDigest(image.configDigest)}  (diff_ids and history + 1)`,
            `manifest  ${shortDigest(image.manifestDigest)}  ${image.layers.length} layers, tagged "${ref}" in ${layers.imageDir}/index.json`,
        ]);
    },
});
