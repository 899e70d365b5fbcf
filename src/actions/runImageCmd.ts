// The image's Cmd, run in the container: what `docker run IMAGE` does last.
import { z } from 'zod';
import { defineAction, program, outcome } from '../steps/define.js';
import { join } from 'node:path';
import type { LabContext } from '../steps/context.js';
import { builderCall } from './builderCall.js';
import { dockerRun, requireMerged } from './dockerRunState.js';
import { LabError } from '../errors.js';
import { ensureLabImage } from '../image/labImage.js';
import { type RunResult, lines } from './dockerRunUtil.js';

/** Last, the image's Cmd (config.config.Cmd) runs inside the container: its namespaces, its root. */
export const runImageCmd = defineAction({
  name: 'run-image-cmd',
  params: z.strictObject({}),
  doc: 'docker-run lesson: the image\'s Cmd, run inside the container\'s namespaces and root',
  performs: [program('the image Cmd', 'the OCI image-spec config')],
  needs: ['overlay c1'],
  run: async (ctx: LabContext) => {
    const merged = requireMerged(ctx);
    const output: string[] = [];
    const image = await ensureLabImage({ onMessage: (l) => output.push(l) });
    if (image.cmd.length === 0) throw new LabError('the image has no Cmd');
    const result = await builderCall<RunResult>(ctx, 'run', { command: ['chroot', merged, ...image.cmd] });
    ctx.lastOutput = lines(result.stdout);
    if (result.status !== 0) {
      throw new LabError(`${image.cmd.join(' ')} exited with ${result.signal ?? 'status ' + result.status}: ${result.stderr.trim()}`, undefined, undefined, result.log);
    }
    const name = ctx.dockerRun?.name;
    return outcome(result.log, [`Cmd ${JSON.stringify(image.cmd)}${name ? ` in ${name}` : ''}:`, ...lines(result.stdout), ...lines(result.stderr).map((l) => `stderr: ${l}`)]);
  },
});
