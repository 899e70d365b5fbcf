// Unpacks each layer of the lab image into a directory of its own: the overlay's lower layers.
import { z } from 'zod';
import { defineAction, program, outcome } from '../steps/define.js';
import { join } from 'node:path';
import { layerDir, layersSlot } from './layersState.js';
import { dockerRunIfStarted } from './dockerRunState.js';
import { ensureLabImage } from '../image/labImage.js';
import { unpackLayerSync } from '../image/unpack.js';
import { shortDigest } from '../image/digest.js';
import { formatSize } from '../image/imageCommand.js';
import { quote } from '../../native/syscallLog.js';
export const unpackLayers = defineAction({
    name: 'unpack-layers',
    params: z.strictObject({}),
    doc: 'The helper makes sure the lab image (an OCI layout in the image cache) exists, then unpacks each of its '
        + 'layers, bottom first, into a directory of its own, <session>/layers/<n>: it checks the blob\'s sha256 '
        + 'against the manifest\'s digest and the tar\'s against the config\'s diff_id, then untars it, turning OCI '
        + 'whiteout entries into overlayfs ones (0/0 character devices, the opaque xattr). The '
        + 'learner sees one line per layer (digest, size, the command that made it, entries written); nothing is '
        + 'mounted yet, and these directories become the read-only lowerdirs every container\'s overlay stacks.',
    host: {
        effect: 'builds the lab image into the image cache if it is not there yet, and unpacks its layers under <session>/layers',
        untrusted: 'allowed',
    },
    performs: [program('tar layers', 'the OCI image-spec layer format')],
    provides: ['image layers'],
    run: async (ctx) => {
        const output = [];
        const image = await ensureLabImage({ onMessage: (line) => output.push(line), needs: dockerRunIfStarted(ctx) ? ['httpd'] : [] }); // docker-run serves with the image's httpd
        const root = join(ctx.session.dir, 'layers');
        if (!ctx.sys.exists(root))
            ctx.sys.mkdir(root, 0o755);
        const layerDirs = [];
        for (const [i, layer] of image.layers.entries()) {
            const dest = layerDir(ctx.session.dir, i + 1);
            ctx.sys.mkdir(dest, 0o755);
            const started = performance.now();
            const written = unpackLayerSync(layer, dest);
            // One line for the whole extraction: gunzip, check sha256 against the digest, untar.
            ctx.sys.record('untar', [quote(`blobs/sha256/${shortDigest(layer.digest).slice(7)}…`), quote(dest)], written.length, undefined, performance.now() - started);
            layerDirs.push(dest);
            output.push(`layer ${i + 1}: ${shortDigest(layer.digest)} (${formatSize(layer.size)} gzip) → ${dest}, ${written.length} entries`);
            output.push(`         ${layer.createdBy}`);
        }
        Object.assign(ctx.slots.use(layersSlot), { imageDir: image.dir, layerDirs, digests: image.layers.map((l) => l.digest), containers: {}, committed: undefined });
        return outcome(ctx.sys.drain(), output);
    },
});
