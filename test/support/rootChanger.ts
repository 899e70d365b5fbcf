// A fake lab whose container process answers the root-process plumbing (src/builder/rootProcesses.ts) from a table.
import { fakeLab } from './fakeLab.js';
import type { LabContext } from '../../src/steps/context.js';
import type { RootReply, RootRequest } from '../../src/builder/rootProtocol.js';
import type { SyscallEntry } from '../../src/types.js';

/** The host PIDs the fake container process gives each role's process. */
export const ROLE_PIDS = { chroot: 4101, pivot: 4102, init: 4001 } as const;

export function entry(call: string, args: string[] = []): SyscallEntry {
  return { t: 0, call, args, ret: '0' };
}

/** Replies by request op: a partial reply (ok, log of one line named after the op, by default) or an Error to throw. */
export function rootChangerLab(replies: Partial<Record<RootRequest['op'], Partial<RootReply> | Error>> = {}, overrides: Partial<LabContext> = {}) {
  const ctx = fakeLab(overrides);
  ctx.builder.reply('startRootProcess', ({ role }: { role: keyof typeof ROLE_PIDS }) => ({ pid: ROLE_PIDS[role], log: [entry('spawn', [role])] }));
  ctx.builder.reply('rootProcessCall', ({ request }: { request: RootRequest }) => {
    const reply = replies[request.op];
    if (reply instanceof Error) return reply;
    return { ok: true, pid: 1, output: [], log: [entry(request.op)], ...reply };
  });
  return ctx;
}
