// Sends one kernel step to the container process and collects the syscall log it returns.
import type { LabContext, ActionOutcome } from './context.js';
import type { SyscallEntry } from '../types.js';

export async function builderCall<T extends { log?: SyscallEntry[] }>(ctx: LabContext, method: string, params: unknown = {}): Promise<T> {
  return ctx.builder.rpc.call<T>(method, params);
}

export function outcome(log: SyscallEntry[] = [], output: string[] = []): ActionOutcome {
  return { log, output };
}
