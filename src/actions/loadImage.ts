// Chain lessons: load the lab image into the private dockerd and/or containerd, from a tar made here (no registry).
import * as z from 'zod';
import { defineAction, program, outcome } from '../steps/define.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checked, outputLines, requireDaemons } from './chainUtil.js';
import { ensureLabImage } from '../image/labImage.js';
import { labImageArchive, CHAIN_IMAGE } from '../chain/imageArchive.js';
import { quote } from '../../native/syscallLog.js';
import { HostDocker } from '../chain/hostDocker.js';

export const loadImage = defineAction({
  name: 'load-image',
  params: z.strictObject({
    into: z.array(z.enum(['docker', 'containerd'])).min(1).default(['docker']),
    namespace: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/).default('default'),
  }),
  doc: 'The helper writes the lab image (built or taken from the image cache, no registry) as one tar in the '
    + 'session directory — an OCI layout plus docker\'s manifest.json — and hands it to `docker load -i` for '
    + 'dockerd and/or `ctr images import` for containerd in `namespace`. The learner sees the tar\'s layers, size '
    + 'and manifest digest, then what each CLI printed; the image is named container-lab/lab:latest.',
  host: {
    effect: 'loads the lab image (a tar in the session directory) into the lab\'s {into}',
    untrusted: 'allowed',
  },
  performs: [program('docker load', 'docker-load(1)'), program('ctr images import', 'ctr(8)')],
  needs: ['{into} daemon'],
  provides: ['image in {into}'],
  run: async (ctx, { into, namespace }) => {
    const d = requireDaemons(ctx, { docker: into.includes('docker') });
    const rebuilt: string[] = [];
    const image = await ensureLabImage({ onMessage: (line) => rebuilt.push(line) });
    const archive = join(ctx.session.dir, 'lab-image.tar');
    const started = performance.now();
    const bytes = labImageArchive(image);
    // a binary tar: written directly, logged as one write(2)
    writeFileSync(archive, bytes);
    ctx.sys.record('write', [quote(archive), `${bytes.length} bytes`], bytes.length, undefined, performance.now() - started);
    const out: string[] = [...rebuilt, `${archive}: ${image.layers.length} layers, ${(bytes.length / 1e6).toFixed(1)} MB, manifest ${image.manifestDigest.slice(0, 19)}…`];
    if (into.includes('docker')) {
      // on the host's Docker, an image that was there before stays; one loaded here goes at the end
      if (d instanceof HostDocker) d.imageLoadedHere = (await d.docker(['image', 'inspect', CHAIN_IMAGE])).status !== 0;
      const run = checked(await d.docker(['load', '-i', archive], { log: true }), 'docker load');
      out.push(...outputLines(run.stdout));
    }
    if (into.includes('containerd')) {
      const run = checked(await d.ctr(namespace, ['images', 'import', archive], { log: true }), 'ctr images import');
      out.push(...outputLines(run.stdout).map((l) => l.replace(/\s+/g, ' ')));
    }
    out.push(`image name: ${CHAIN_IMAGE}`);
    return outcome(ctx.sys.drain(), out);
  },
});
