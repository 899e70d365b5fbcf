// A volume: bind-mount (MS_BIND) a host directory into the container's rootfs, in its mount namespace.
import { z } from 'zod';
import { defineAction, syscall, outcome } from '../steps/define.js';
import { inContainer } from './builderCall.js';
import { dockerRun, requireMerged, volumeHostDir } from './dockerRunState.js';
import { LabError } from '../errors.js';
import { MS } from '../../native/constants.js';
import { parseMountinfo } from '../observe/parse/mountinfo.js';

/** What the helper sends the container part: the host directory, and the container's root it goes under. */
const given = z.strictObject({ source: z.string().startsWith('/'), merged: z.string().startsWith('/') });

export const bindVolume = defineAction({
  name: 'bind-volume',
  params: z.strictObject({ target: z.string().regex(/^\/[A-Za-z0-9._-]+$/, 'one directory under /, e.g. /data') }),
  doc: 'docker run -v: the helper makes the host directory <session>/volume, and the container process bind-mounts '
    + 'it onto <target> under the container\'s root (mount(2) with MS_BIND, making the mount point in the overlay '
    + 'first), in its own mount namespace. The learner sees the host path and the path inside: one directory, two '
    + 'names. The host\'s mount table does not change.',
  host: {
    effect: 'makes <session>/volume and bind-mounts it on {target} in the container\'s own mount namespace',
    untrusted: 'allowed',
  },
  performs: [syscall('mount', 'MS_BIND mount(2)')],
  needs: ['own mnt namespace', 'overlay c1'],
  provides: ['volume'],
  inContainer({ sys, state }, { target }, sent) {
    const { source, merged } = given.parse(sent);
    state.requireOwnMountNamespace();
    const mounts = parseMountinfo(sys.readFile('/proc/self/mountinfo'));
    if (!mounts.some((m) => m.mountPoint === merged && m.fsType === 'overlay')) {
      throw new LabError(`${merged} is not an overlay mount in the container's mount namespace`, 'run the mount-overlay step first');
    }
    // The mount point is made through merged: a new directory in the container's upperdir.
    const point = merged + target;
    if (!sys.exists(point)) sys.mkdir(point, 0o755);
    sys.kernel.mount(source, point, null, MS.BIND, null);
    return {};
  },
  run: async (ctx, { target }) => {
    const merged = requireMerged(ctx);
    const host = volumeHostDir(ctx.session.dir);
    if (!ctx.sys.exists(host)) ctx.sys.mkdir(host, 0o755);
    const local = ctx.sys.drain();
    const { log } = await inContainer(ctx, 'bind-volume', { target }, { source: host, merged });
    dockerRun(ctx).volume = { host, target, merged };
    return outcome([...local, ...log], [`host      ${host}`, `container ${target}   (${merged}${target} in the container's mount namespace)`]);
  },
});
