// A volume: bind-mount (MS_BIND) a host directory into the container's rootfs, in its mount namespace.
import { existsSync } from 'node:fs';
import type { Action } from './context.js';
import { builderCall, outcome } from './builderCall.js';
import { dockerRun, requireMerged, volumeHostDir } from './dockerRunState.js';
import { mkdirLogged } from '../helper/loggedFs.js';
import { syscallLog } from '../../native/syscallLog.js';
import type { SyscallEntry } from '../types.js';

/** docker run -v <host dir>:<target>: mount(<host dir>, <rootfs>/<target>, NULL, MS_BIND, NULL) in the container's mount namespace. */
export const bindVolume: Action<{ target: string }> = async (ctx, { target }) => {
  const merged = requireMerged(ctx);
  const host = volumeHostDir(ctx.session.dir);
  if (!existsSync(host)) mkdirLogged(host, 0o755);
  const local = syscallLog.drain();
  const { log } = await builderCall<{ log: SyscallEntry[] }>(ctx, 'bindVolume', { source: host, target: merged + target, merged });
  dockerRun(ctx).volume = { host, target };
  return outcome([...local, ...log], [`host      ${host}`, `container ${target}   (${merged}${target} in the container's mount namespace)`]);
};
