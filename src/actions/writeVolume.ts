// Writes a file into the volume from one side, so the check can read it from the other.
import { z } from 'zod';
import { defineAction, syscall, outcome } from '../steps/define.js';
import { volumeFile } from '../steps/params.js';
import { join } from 'node:path';
import { inContainer } from './builderCall.js';
import { dockerRun, requireMerged } from './dockerRunState.js';
import { LabError } from '../errors.js';
import { syscallLog } from '../../native/syscallLog.js';

/** One file written on one side of the volume: from inside (through the container's root) or on the host. */
export const writeVolume = defineAction({
  name: 'write-volume',
  params: z.strictObject({ side: z.enum(['container', 'host']), file: volumeFile, text: z.string() }),
  doc: 'docker-run lesson: write a file into the volume, from inside the container or on the host',
  performs: [syscall('open', 'open(2)')],
  needs: ['volume'],
  run: async (ctx, { side, file, text }) => {
    const volume = dockerRun(ctx).volume;
    if (!volume) throw new LabError('there is no volume yet', 'run the step that bind-mounts the volume first');
    if (side === 'host') {
      ctx.sys.writeFile(join(volume.host, file), text);
      return outcome(syscallLog.drain(), [`host: wrote ${Buffer.byteLength(text)} bytes to ${join(volume.host, file)}`]);
    }
    const merged = requireMerged(ctx);
    const reply = await inContainer<{ detail: string }>(ctx, 'edit-rootfs', { container: 'c1', op: 'write', path: `${volume.target}/${file}`, text }, { merged });
    return outcome(reply.log, [`container: ${reply.detail}`]);
  },
});
