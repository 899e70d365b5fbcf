// Writes a file into the volume from one side, so the check can read it from the other.
import { join } from 'node:path';
import type { Action } from './context.js';
import { builderCall, outcome } from './builderCall.js';
import { dockerRun, requireMerged } from './dockerRunState.js';
import { writeLogged } from '../helper/loggedFs.js';
import { LabError } from '../errors.js';
import { syscallLog } from '../../native/syscallLog.js';
import type { SyscallEntry } from '../types.js';

/** One file written on one side of the volume: from inside (through the container's root) or on the host. */
export const writeVolume: Action<{ side: 'container' | 'host'; file: string; text: string }> = async (ctx, { side, file, text }) => {
  const volume = dockerRun(ctx).volume;
  if (!volume) throw new LabError('there is no volume yet', 'run the step that bind-mounts the volume first');
  if (side === 'host') {
    writeLogged(join(volume.host, file), text);
    return outcome(syscallLog.drain(), [`host: wrote ${Buffer.byteLength(text)} bytes to ${join(volume.host, file)}`]);
  }
  const merged = requireMerged(ctx);
  const reply = await builderCall<{ log: SyscallEntry[]; detail: string }>(ctx, 'editRootfs', { merged, op: 'write', path: `${volume.target}/${file}`, text });
  return outcome(reply.log, [`container: ${reply.detail}`]);
};
