// unshare(2): the container process leaves the host's namespaces, one flag per namespace.
import { z } from 'zod';
import { defineAction, syscall, outcome } from '../steps/define.js';
import { nsName } from '../steps/params.js';
import { builderCall } from './builderCall.js';
import type { SyscallEntry } from '../types.js';

export const unshare = defineAction({
  name: 'unshare',
  params: z.strictObject({ namespaces: z.array(nsName).min(1) }),
  doc: 'unshare(2) the listed namespaces in the container process',
  performs: [syscall('unshare')],
  provides: ['own {namespaces} namespace'],
  run: async (ctx, { namespaces }) => {
    const { log } = await builderCall<{ log: SyscallEntry[] }>(ctx, 'unshare', { namespaces });
    const notes = namespaces.includes('pid')
      ? ['CLONE_NEWPID moves only the children: this process keeps its PID; its next child is PID 1 (see ns/pid_for_children).']
      : [];
    return outcome(log, notes);
  },
});
