// sethostname(2) inside the container's UTS namespace.
import { z } from 'zod';
import { defineAction, syscall, outcome } from '../steps/define.js';
import { builderCall } from './builderCall.js';
import type { SyscallEntry } from '../types.js';

export const sethostname = defineAction({
  name: 'sethostname',
  params: z.strictObject({ name: z.string().min(1).max(64) }),
  doc: 'sethostname(2) inside the container\'s UTS namespace',
  performs: [syscall('sethostname')],
  needs: ['own uts namespace'],
  run: async (ctx, { name }) => {
    const { log } = await builderCall<{ log: SyscallEntry[] }>(ctx, 'sethostname', { name });
    return outcome(log);
  },
});
