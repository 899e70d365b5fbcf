// sethostname(2) inside the container's UTS namespace.
import type { Action } from './context.js';
import { builderCall, outcome } from './builderCall.js';
import type { SyscallEntry } from '../types.js';

export const sethostname: Action<{ name: string }> = async (ctx, { name }) => {
  const { log } = await builderCall<{ log: SyscallEntry[] }>(ctx, 'sethostname', { name });
  return outcome(log);
};
