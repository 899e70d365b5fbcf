// A volume: bind-mount (MS_BIND) a host directory into the container's rootfs, in its mount namespace.
import { z } from 'zod';
import { defineAction, syscall, outcome } from '../steps/define.js';
import { existsSync } from 'node:fs';
import { builderCall } from './builderCall.js';
import { dockerRun, requireMerged, volumeHostDir } from './dockerRunState.js';
import { syscallLog } from '../../native/syscallLog.js';
import type { SyscallEntry } from '../types.js';

/** docker run -v <host dir>:<target>: mount(<host dir>, <rootfs>/<target>, NULL, MS_BIND, NULL) in the container's mount namespace. */
export const bindVolume = defineAction({
  name: 'bind-volume',
  params: z.strictObject({ target: z.string().regex(/^\/[A-Za-z0-9._-]+$/, 'one directory under /, e.g. /data') }),
  doc: 'docker-run lesson: bind-mount <session>/volume onto <rootfs><target> in the container\'s mount namespace',
  performs: [syscall('mount', 'MS_BIND mount(2)')],
  needs: ['own mnt namespace', 'overlay c1'],
  provides: ['volume'],
  run: async (ctx, { target }) => {
    const merged = requireMerged(ctx);
    const host = volumeHostDir(ctx.session.dir);
    if (!existsSync(host)) ctx.sys.mkdir(host, 0o755);
    const local = syscallLog.drain();
    const { log } = await builderCall<{ log: SyscallEntry[] }>(ctx, 'bindVolume', { source: host, target: merged + target, merged });
    dockerRun(ctx).volume = { host, target };
    return outcome([...local, ...log], [`host      ${host}`, `container ${target}   (${merged}${target} in the container's mount namespace)`]);
  },
});
