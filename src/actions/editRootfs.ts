// Changes a file in a container's merged overlay root, from inside its mount namespace.
import { z } from 'zod';
import { defineAction, syscall, outcome } from '../steps/define.js';
import { containerName } from '../steps/params.js';
import { builderCall } from './builderCall.js';
import { requireContainer } from './layersState.js';
import type { RootfsOp } from '../builder/overlayHandlers.js';
import type { SyscallEntry } from '../types.js';

export const editRootfs = defineAction({
  name: 'edit-rootfs',
  params: z.strictObject({
    container: containerName,
    op: z.enum(['write', 'append', 'delete', 'replace-dir']),
    path: z.string().regex(/^\/[^\0]*$/, 'an absolute path inside the container'),
    text: z.string().optional(),
  }),
  doc: 'layers lesson: change the container\'s root through its merged overlay directory',
  performs: [syscall('open', 'open(2) through the merged overlay')],
  needs: ['overlay {container}'],
  run: async (ctx, { container, op, path, text }) => {
    const { merged } = requireContainer(ctx, container);
    const { log, detail } = await builderCall<{ log: SyscallEntry[]; detail: string }>(ctx, 'editRootfs', { merged, op, path, text });
    return outcome(log, [`${container}: ${detail}`]);
  },
});
