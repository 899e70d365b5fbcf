// Writes a file into the volume from one side, so the check can read it from the other.
import { z } from 'zod';
import { defineAction, syscall, outcome } from '../steps/define.js';
import { volumeFile } from '../steps/params.js';
import { join } from 'node:path';
import { inContainer } from './builderCall.js';
import { dockerRun } from './dockerRunState.js';
import { LabError } from '../errors.js';
import { parseMountinfo } from '../observe/parse/mountinfo.js';

/** What the helper sends the container part: where the volume is mounted inside the container's root. */
const given = z.strictObject({ point: z.string().startsWith('/') });

export const writeVolume = defineAction({
  name: 'write-volume',
  params: z.strictObject({ side: z.enum(['container', 'host']), file: volumeFile, text: z.string() }),
  doc: 'Writes one file into the volume from one side: side: container has the container process open(2) and write '
    + 'it under the volume\'s mount point in its own mount namespace (through the bind mount, so the bytes land in '
    + 'the host directory, not in the overlay\'s upper layer); side: host has the helper write it in <session>/volume '
    + 'on the host. The learner sees which side wrote how many bytes where; the check reads it from the other side.',
  host: {
    effect: 'writes {file} into <session>/volume, from the {side}',
    untrusted: 'allowed',
  },
  performs: [syscall('open', 'open(2)'), syscall('write', 'write(2)')],
  needs: ['volume'],
  inContainer({ sys, state }, { file, text }, sent) {
    const { point } = given.parse(sent);
    state.requireOwnMountNamespace();
    if (!parseMountinfo(sys.readFile('/proc/self/mountinfo')).some((m) => m.mountPoint === point)) {
      throw new LabError(`${point} is not a mount point in the container's mount namespace`, 'run the step that bind-mounts the volume first');
    }
    sys.writeFile(join(point, file), text);
    return {};
  },
  run: async (ctx, { side, file, text }) => {
    const volume = dockerRun(ctx).volume;
    if (!volume) throw new LabError('there is no volume yet', 'run the step that bind-mounts the volume first');
    if (side === 'host') {
      ctx.sys.writeFile(join(volume.host, file), text);
      return outcome(ctx.sys.drain(), [`host: wrote ${Buffer.byteLength(text)} bytes to ${join(volume.host, file)}`]);
    }
    const { log } = await inContainer(ctx, 'write-volume', { side, file, text }, { point: volume.merged + volume.target });
    return outcome(log, [`container: wrote ${Buffer.byteLength(text)} bytes to ${volume.target}/${file}`]);
  },
});
