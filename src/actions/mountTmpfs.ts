// Mounts a tmpfs on the session's scratch directory, inside the container's mount namespace only.
import * as z from 'zod';
import { join } from 'node:path';
import { defineAction, syscall, outcome } from '../steps/define.js';
import { inContainer } from './builderCall.js';
import { MS } from '../../native/constants.js';

export function tmpfsTarget(sessionDir: string): string {
  return join(sessionDir, 'tmpfs');
}

/** What the container part is given: the mount point, in the session directory only the helper knows. */
const tmpfsGiven = z.strictObject({ target: z.string().startsWith('/') });

export const mountTmpfs = defineAction({
  name: 'mount-tmpfs',
  params: z.strictObject({ size: z.string().regex(/^\d+[kmg]?$/).default('4m') }),
  doc: 'The helper makes the directory tmpfs/ in the session\'s scratch directory; the container process then '
    + 'mounts a tmpfs of the given size on it (mount(2), MS_NOSUID|MS_NODEV, mode 0755). With its mounts private, the '
    + 'mount exists only in the container\'s mount namespace: the container\'s mountinfo lists it, the host\'s does '
    + 'not, and the host still sees an empty directory there.',
  host: {
    effect: 'mounts a {size} tmpfs on <session>/tmpfs in the container\'s own mount namespace',
    untrusted: 'allowed',
  },
  performs: [syscall('mount', 'tmpfs(5)')],
  needs: ['own mnt namespace', 'private mounts'],
  inContainer({ sys, state }, { size }, given) {
    state.requireOwnMountNamespace();
    const { target } = tmpfsGiven.parse(given);
    sys.kernel.mount('container-lab', target, 'tmpfs', MS.NOSUID | MS.NODEV, `size=${size},mode=0755`);
    return {};
  },
  run: async (ctx, params) => {
    const target = tmpfsTarget(ctx.session.dir);
    if (!ctx.sys.exists(target)) ctx.sys.mkdir(target, 0o755);
    const local = ctx.sys.drain();
    const { log } = await inContainer(ctx, 'mount-tmpfs', params, { target });
    return outcome([...local, ...log], [`tmpfs mounted on ${target}`]);
  },
});
