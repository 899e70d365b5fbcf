// Brings a network interface up inside the container's network namespace (ioctl SIOCSIFFLAGS).
import { z } from 'zod';
import { defineAction, syscall, outcome } from '../steps/define.js';
import { builderCall } from './builderCall.js';
import type { SyscallEntry } from '../types.js';

export const linkUp = defineAction({
  name: 'link-up',
  params: z.strictObject({ name: z.string().min(1).max(15).default('lo') }),
  doc: 'bring a network interface up (ioctl SIOCSIFFLAGS) inside the network namespace',
  performs: [syscall('ioctl', 'SIOCSIFFLAGS netdevice(7)')],
  needs: ['own net namespace'],
  run: async (ctx, { name }) => {
    const { log } = await builderCall<{ log: SyscallEntry[] }>(ctx, 'linkUp', { name });
    return outcome(log);
  },
});
