// Mounts a tmpfs on the session's scratch directory, inside the container's mount namespace only.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Action } from './context.js';
import { builderCall, outcome } from './builderCall.js';
import { mkdirLogged } from '../helper/loggedFs.js';
import { syscallLog } from '../../native/syscallLog.js';
import type { SyscallEntry } from '../types.js';

export function tmpfsTarget(sessionDir: string): string {
  return join(sessionDir, 'tmpfs');
}

export const mountTmpfs: Action<{ size: string }> = async (ctx, { size }) => {
  const target = tmpfsTarget(ctx.session.dir);
  if (!existsSync(target)) mkdirLogged(target, 0o755);
  const local = syscallLog.drain();
  const { log } = await builderCall<{ log: SyscallEntry[] }>(ctx, 'mountTmpfs', { target, size });
  return outcome([...local, ...log], [`tmpfs mounted on ${target}`]);
};
