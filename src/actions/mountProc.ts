// Mounts /proc from a process inside the new PID namespace, so /proc lists only the container.
import type { Action } from './context.js';
import { builderCall, outcome } from './builderCall.js';
import type { SyscallEntry } from '../types.js';

export const mountProc: Action = async (ctx) => {
  const { log } = await builderCall<{ log: SyscallEntry[] }>(ctx, 'mountProc');
  return outcome(log);
};
