// Talks to the processes that change their root (src/programs/changeRoot.ts), through the container process.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { LabContext } from '../steps/context.js';
import { builderCall } from './builderCall.js';
import { LabError } from '../errors.js';
import type { RootRole } from '../builder/rootProcesses.js';
import type { RootReply, RootRequest } from '../builder/rootProtocol.js';
import type { SyscallEntry } from '../types.js';

export type { RootRole };

/** Where the lesson unpacks the image: inside the session's private directory. */
export function rootfsDir(sessionDir: string): string {
  return join(sessionDir, 'rootfs');
}

/** Starts the role's process as a child of the container process; its host PID goes in the context. */
export async function startRootProcess(ctx: LabContext, role: RootRole): Promise<{ pid: number; log: SyscallEntry[] }> {
  const started = await builderCall<{ pid: number; log: SyscallEntry[] }>(ctx, 'startRootProcess', { role });
  if (role === 'chroot') ctx.chrootPid = started.pid;
  else if (role === 'pivot') ctx.pivotPid = started.pid;
  else ctx.initPid = started.pid;
  return started;
}

/** One request to the role's process. `before` (calls already made in this step) leads the log, on failure too. */
export async function callRootProcess(ctx: LabContext, role: RootRole, request: RootRequest, before: SyscallEntry[] = []): Promise<RootReply> {
  try {
    const reply = await builderCall<RootReply>(ctx, 'rootProcessCall', { role, request });
    return { ...reply, log: [...before, ...reply.log] };
  } catch (error) {
    if (error instanceof LabError) error.log = [...before, ...(error.log ?? [])];
    throw error;
  }
}

/** The host PID of the role's process, or a LabError saying which step starts it. */
export function rootPid(ctx: LabContext, role: RootRole): number {
  const pid = role === 'chroot' ? ctx.chrootPid : role === 'pivot' ? ctx.pivotPid : ctx.initPid;
  if (pid === null) throw new LabError(`no ${role} process yet`, `run the lesson's ${role === 'init' ? 'PID 1' : role === 'chroot' ? 'chroot' : 'pivot_root'} step first`);
  return pid;
}

/**
 * Kills the root processes and waits until their parent, the container process, has reaped them.
 * Orphaned zombies would go to the host's init to reap, and the PID namespace's init, killed
 * next, waits in its exit until every PID of its namespace is freed (pid_namespaces(7)).
 */
export async function stopRootProcesses(ctx: LabContext, timeoutMs = 1000): Promise<void> {
  const pids = [ctx.chrootPid, ctx.pivotPid].filter((p): p is number => p !== null);
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  const deadline = Date.now() + timeoutMs;
  while (pids.some((p) => existsSync(`/proc/${p}`)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
}
