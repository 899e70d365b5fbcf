// Unpacks each layer of the lab image into a directory of its own: the overlay's lower layers.
import { z } from 'zod';
import { defineAction, program, outcome } from '../steps/define.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { layerDir } from './layersState.js';
import { dockerRunIfStarted } from './dockerRunState.js';
import { ensureLabImage } from '../image/labImage.js';
import { unpackLayerSync } from '../image/unpack.js';
import { shortDigest } from '../image/digest.js';
import { formatSize } from '../image/imageCommand.js';
import { syscallLog, quote } from '../../native/syscallLog.js';

export const unpackLayers = defineAction({
  name: 'unpack-layers',
  params: z.strictObject({}),
  doc: 'layers lesson: unpack each layer of the lab image into <session>/layers/<n>',
  performs: [program('tar layers', 'the OCI image-spec layer format')],
  provides: ['image layers'],
  run: async (ctx) => {
    const output: string[] = [];
    const image = await ensureLabImage({ onMessage: (line) => output.push(line), needs: dockerRunIfStarted(ctx) ? ['httpd'] : [] }); // docker-run serves with the image's httpd
    const root = join(ctx.session.dir, 'layers');
    if (!existsSync(root)) ctx.sys.mkdir(root, 0o755);
    const layerDirs: string[] = [];
    for (const [i, layer] of image.layers.entries()) {
      const dest = layerDir(ctx.session.dir, i + 1);
      ctx.sys.mkdir(dest, 0o755);
      const started = performance.now();
      const written = unpackLayerSync(layer, dest);
      // One line for the whole extraction: gunzip, check sha256 against the digest, untar.
      syscallLog.record('untar', [quote(`blobs/sha256/${shortDigest(layer.digest).slice(7)}…`), quote(dest)], written.length, undefined, performance.now() - started);
      layerDirs.push(dest);
      output.push(`layer ${i + 1}: ${shortDigest(layer.digest)} (${formatSize(layer.size)} gzip) → ${dest}, ${written.length} entries`);
      output.push(`         ${layer.createdBy}`);
    }
    ctx.layers = { imageDir: image.dir, layerDirs, digests: image.layers.map((l) => l.digest), containers: {} };
    return outcome(syscallLog.drain(), output);
  },
});
