// Sends one kernel step to the container process and collects the syscall log it returns.
import type { LabContext } from '../steps/context.js';
import type { SyscallEntry } from '../types.js';

export async function builderCall<T extends { log?: SyscallEntry[] }>(ctx: LabContext, method: string, params: unknown = {}): Promise<T> {
  return ctx.builder.rpc.call<T>(method, params);
}
