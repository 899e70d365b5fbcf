// unshare(2): the container process leaves the host's namespaces, one flag per namespace.
import type { Action } from './context.js';
import { builderCall, outcome } from './builderCall.js';
import type { SyscallEntry } from '../types.js';

export const unshare: Action<{ namespaces: string[] }> = async (ctx, { namespaces }) => {
  const { log } = await builderCall<{ log: SyscallEntry[] }>(ctx, 'unshare', { namespaces });
  const notes = namespaces.includes('pid')
    ? ['CLONE_NEWPID moves only the children: this process keeps its PID; its next child is PID 1 (see ns/pid_for_children).']
    : [];
  return outcome(log, notes);
};
