// "docker commit" by hand: the container's upperdir becomes a new layer; a new config and manifest tag it.
import { z } from 'zod';
import { defineAction, program, outcome } from '../steps/define.js';
import { containerName } from '../steps/params.js';
import { commitRef, requireContainer, requireLayers } from './layersState.js';
import { commitUpperDir } from '../image/commit.js';
import { shortDigest } from '../image/digest.js';

export const commitLayer = defineAction({
  name: 'commit-layer',
  params: z.strictObject({ container: containerName }),
  doc: 'What docker commit does, by hand, in the helper: the container\'s upperdir is packed as a new gzip tar layer '
    + '(a whiteout becomes a .wh.<name> entry, an opaque directory a .wh..wh..opq entry), written as a blob named by '
    + 'its sha256, and a new config (diff_ids and history one longer) and manifest are written and tagged '
    + 'committed-<session id> in the image\'s index.json. The learner sees the new layer\'s digest and entries, and '
    + 'the new config and manifest; the image\'s own layers and its "latest" tag stay as they were.',
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
    const result = commitUpperDir({ imageDir: layers.imageDir, upper, ref, createdBy: `container-lab commit: upperdir of container ${container} (session ${ctx.session.id})` });
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
