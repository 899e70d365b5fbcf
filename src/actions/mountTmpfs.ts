// Mounts a tmpfs on the session's scratch directory, inside the container's mount namespace only.
import { z } from 'zod';
import { defineAction, syscall, outcome } from '../steps/define.js';
import { size } from '../steps/params.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { builderCall } from './builderCall.js';
import { syscallLog } from '../../native/syscallLog.js';
import type { SyscallEntry } from '../types.js';

export function tmpfsTarget(sessionDir: string): string {
  return join(sessionDir, 'tmpfs');
}

export const mountTmpfs = defineAction({
  name: 'mount-tmpfs',
  params: z.strictObject({ size: z.string().regex(/^\d+[kmg]?$/).default('4m') }),
  doc: 'mount a tmpfs on the session\'s scratch directory, inside the container\'s mount namespace',
  performs: [syscall('mount')],
  needs: ['own mnt namespace', 'private mounts'],
  run: async (ctx, { size }) => {
    const target = tmpfsTarget(ctx.session.dir);
    if (!existsSync(target)) ctx.sys.mkdir(target, 0o755);
    const local = syscallLog.drain();
    const { log } = await builderCall<{ log: SyscallEntry[] }>(ctx, 'mountTmpfs', { target, size });
    return outcome([...local, ...log], [`tmpfs mounted on ${target}`]);
  },
});
