// Mounts /proc from a process inside the new PID namespace, so /proc lists only the container.
import { z } from 'zod';
import { defineAction, syscall, outcome } from '../steps/define.js';
import { builderCall } from './builderCall.js';
import type { SyscallEntry } from '../types.js';

export const mountProc = defineAction({
  name: 'mount-proc',
  params: z.strictObject({}),
  doc: 'mount a fresh proc on /proc from inside the PID namespace',
  performs: [syscall('mount', 'proc(5)')],
  needs: ['own mnt namespace', 'private mounts', 'PID 1'],
  run: async (ctx) => {
    const { log } = await builderCall<{ log: SyscallEntry[] }>(ctx, 'mountProc');
    return outcome(log);
  },
});
