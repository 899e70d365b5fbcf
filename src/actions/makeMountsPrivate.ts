// mount(NULL, "/", NULL, MS_REC|MS_PRIVATE, NULL): mounts made from now on stay in this namespace.
import { z } from 'zod';
import { defineAction, syscall, outcome } from '../steps/define.js';
// A new mount namespace copies the host's propagation: on systemd hosts "/" is shared, so without
// this a mount inside would propagate back to the host (mount_namespaces(7)).
import { builderCall } from './builderCall.js';
import type { SyscallEntry } from '../types.js';

export const makeMountsPrivate = defineAction({
  name: 'make-mounts-private',
  params: z.strictObject({}),
  doc: 'mount(NULL, "/", NULL, MS_REC|MS_PRIVATE, NULL): stop mount events reaching the host',
  performs: [syscall('mount', 'mount_namespaces(7)')],
  needs: ['own mnt namespace'],
  provides: ['private mounts'],
  run: async (ctx) => {
    const { log } = await builderCall<{ log: SyscallEntry[] }>(ctx, 'makeMountsPrivate');
    return outcome(log);
  },
});
