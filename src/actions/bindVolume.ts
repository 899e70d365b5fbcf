// A volume: bind-mount (MS_BIND) a host directory into the container's rootfs, in its mount namespace.
import * as z from 'zod';
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
    + 'first, resolved inside the container\'s root with openat2(2) RESOLVE_IN_ROOT; a symlink there is refused, since '
    + 'mount(2) would follow it against the host\'s root), in its own mount namespace. The learner sees the host path '
    + 'and the path inside: one directory, two names. The host\'s mount table does not change.',
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
    // The mount point is made through merged, resolved inside it: a new directory in the container's
    // upperdir. mount(2) follows a symlink at the target, against this process's root (the host's /),
    // so a link the container put there is refused (runc's CVE-2021-30465 was a mount onto such a path).
    const point = merged + target;
    sys.inRoot(merged, (r) => {
      if (!r.exists(target)) r.mkdir(target, 0o755);
      const st = r.lstat(target);
      if (!st.isDirectory) {
        throw new LabError(`${target} in the container is ${st.isSymbolicLink ? `a symlink to ${r.readlink(target)}` : 'not a directory'}: the volume is not mounted there`, 'a mount point must be a directory inside the container\'s root; remove what the container put there');
      }
    });
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
