// PID 1, before pivot_root, masks paths under the rootfs as runc does: /dev/null bound over /proc/kcore, /proc/sys bound read-only.
// Request to PID 1 (src/programs/changeRoot.ts): { op: 'maskPaths', under: merged, masked, readonly }.
import * as z from 'zod';
import { defineAction, syscall, outcome } from '../steps/define.js';
import { containerName } from '../steps/params.js';
import { callRootProcess } from './rootProcess.js';
import { requireContainer } from './layersState.js';
import { containerByHand, requireInitWaiting } from './containerInit.js';
import { LabError } from '../errors.js';

/** a path inside the container, absolute, with no ".." */
const containerPath = z.string().regex(/^\/[^\0]*$/).refine((p) => !p.split('/').includes('..'), 'a path without ".."');

export const maskPaths = defineAction({
  name: 'mask-paths',
  params: z.strictObject({
    container: containerName,
    masked: z.array(containerPath).default(['/proc/kcore', '/proc/keys', '/proc/timer_list']),
    readonly: z.array(containerPath).default(['/proc/sys']),
  }),
  doc: 'PID 1, not yet pivoted and in a mount namespace of its own, does what runc\'s maskPath and readonlyPath do '
    + '(libcontainer/rootfs_linux.go) under the named container\'s merged directory: each read-only path is '
    + 'bind-mounted onto itself (mount(2) MS_BIND|MS_REC) and that bind remounted MS_BIND|MS_REMOUNT|MS_RDONLY; each '
    + 'masked file gets the host\'s /dev/null bound over it (runc binds the /dev/null it made in the container\'s '
    + '/dev, after pivot_root; this image\'s /dev is empty); a masked path this kernel has not got (ENOENT) is left '
    + 'alone, as runc does. Run it after mount-proc-in-init and before pivot-init.',
  host: {
    effect: 'bind mounts in PID 1\'s own mount namespace, under container {container}\'s overlay: /dev/null over {masked}, {readonly} read-only',
    untrusted: 'allowed',
  },
  performs: [syscall('mount', 'MS_BIND mount(2)'), syscall('mount', 'MS_REMOUNT|MS_RDONLY mount(2)')],
  needs: ['container init', 'overlay {container}'],
  run: async (ctx, { container, masked, readonly }) => {
    const pid = requireInitWaiting(ctx);
    if (containerByHand(ctx)?.merged) {
      throw new LabError(`PID 1 (host PID ${pid}) has pivoted already: this lesson masks paths before pivot_root`, 'reset the lesson (r)');
    }
    const { merged } = requireContainer(ctx, container);
    const reply = await callRootProcess(ctx, 'init', { op: 'maskPaths', under: merged, masked, readonly });
    return outcome(reply.log, reply.output);
  },
});
