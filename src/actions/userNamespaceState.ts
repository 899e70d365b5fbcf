// The user-namespace lesson's state: the process started in a new user namespace, killed at teardown.
import { defineSlot } from '../steps/slots.js';
import type { LabContext } from '../steps/context.js';
import type { Sys } from '../sys/types.js';

export interface UserNamespaceProcess {
  /** host PID of the process in the new user namespace (`sleep infinity` once unshare(1) has exec'd) */
  pid: number;
  /** the seam that started it, which kills it */
  sys: Sys;
}

/** Made by the user-namespace step; its teardown sends SIGKILL to the process. */
export const userNamespaceSlot = defineSlot<{ process: UserNamespaceProcess | null }>({
  name: 'user namespace process',
  create: () => ({ process: null }),
  teardown: ({ process }) => {
    if (process) process.sys.kill(process.pid, 'SIGKILL');
  },
});

/** The process in a new user namespace (host PID), once the user-namespace step has started it. */
export function userPid(ctx: LabContext): number | null {
  return ctx.slots.get(userNamespaceSlot)?.process?.pid ?? null;
}
