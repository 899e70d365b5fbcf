// Sends kernel work to the container process and collects the syscall log it returns.
import type { LabContext } from '../steps/context.js';
import type { SyscallEntry } from '../types.js';

export async function builderCall<T extends { log?: SyscallEntry[] }>(ctx: LabContext, method: string, params: unknown = {}): Promise<T> {
  return ctx.builder.rpc.call<T>(method, params);
}

/**
 * Runs the action's own inContainer part in the container process; its reply carries the calls it made.
 * `given`: what the container part needs that only the helper knows (paths in the session directory).
 */
export async function inContainer<T extends object = object>(ctx: LabContext, action: string, params: unknown, given?: object): Promise<T & { log: SyscallEntry[] }> {
  return ctx.builder.rpc.call<T & { log: SyscallEntry[] }>('step', given === undefined ? { action, params } : { action, params, given });
}
