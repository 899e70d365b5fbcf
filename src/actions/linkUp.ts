// Brings a network interface up inside the container's network namespace (ioctl SIOCSIFFLAGS).
import type { Action } from './context.js';
import { builderCall, outcome } from './builderCall.js';
import type { SyscallEntry } from '../types.js';

export const linkUp: Action<{ name: string }> = async (ctx, { name }) => {
  const { log } = await builderCall<{ log: SyscallEntry[] }>(ctx, 'linkUp', { name });
  return outcome(log);
};
