// The image's Cmd, run in the container: what `docker run IMAGE` does last.
import { join } from 'node:path';
import type { Action, LabContext } from './context.js';
import { builderCall, outcome } from './builderCall.js';
import { dockerRun, requireMerged } from './dockerRunState.js';
import { LabError } from '../errors.js';
import { ensureLabImage } from '../image/labImage.js';
import { type RunResult, lines } from './dockerRunUtil.js';

/** Last, the image's Cmd (config.config.Cmd) runs inside the container: its namespaces, its root. */
export const runImageCmd: Action = async (ctx: LabContext) => {
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
};
