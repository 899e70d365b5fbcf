// The actions and checks a lesson file may name, with the schema of each one's parameters.
import { z } from 'zod';

const nsName = z.enum(['uts', 'pid', 'mnt', 'net', 'ipc', 'cgroup']);
const command = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

/** Actions: one module per primitive in src/actions, performed by the helper. */
export const ACTIONS = {
  /** unshare(2) the listed namespaces in the container process */
  unshare: z.strictObject({ namespaces: z.array(nsName).min(1) }),
  /** sethostname(2) inside the container's UTS namespace */
  sethostname: z.strictObject({ name: z.string().min(1).max(64) }),
  /** mount(NULL, "/", NULL, MS_REC|MS_PRIVATE, NULL): stop mount events reaching the host */
  'make-mounts-private': z.strictObject({}),
  /** mount a tmpfs on the session's scratch directory, inside the container's mount namespace */
  'mount-tmpfs': z.strictObject({ size: z.string().regex(/^\d+[kmg]?$/).default('4m') }),
  /** start the container's first process: PID 1 of the new PID namespace */
  'start-init': z.strictObject({}),
  /** mount a fresh proc on /proc from inside the PID namespace */
  'mount-proc': z.strictObject({}),
  /** bring a network interface up (ioctl SIOCSIFFLAGS) inside the network namespace */
  'link-up': z.strictObject({ name: z.string().min(1).max(15).default('lo') }),
  /** create the lab's cgroup and move the container process into it */
  'join-cgroup': z.strictObject({}),
  /** start a process in a new user namespace whose root is an unprivileged uid outside */
  'user-namespace': z.strictObject({ outsideUid: z.number().int().min(1).max(4294967294).default(100000) }),
  /** a shell step: run a command inside the container or on the host and show its output */
  run: z.strictObject({ command, where: z.enum(['container', 'host']).default('container') }),
} as const;

/** Checks: each reads kernel state after the step, independently of the action. */
export const CHECKS = {
  'ns-differs': z.strictObject({ ns: nsName.or(z.literal('user')) }),
  'ns-same': z.strictObject({ ns: nsName.or(z.literal('user')) }),
  'hostname-inside': z.strictObject({ equals: z.string().min(1) }),
  'host-hostname-unchanged': z.strictObject({}),
  'init-pid-inside': z.strictObject({ equals: z.number().int().min(1) }),
  'init-visible-from-host': z.strictObject({}),
  'proc-lists-only-container': z.strictObject({}),
  'mount-invisible-on-host': z.strictObject({ fstype: z.string().min(1) }),
  'mounts-private': z.strictObject({}),
  links: z.strictObject({ only: z.array(z.string().min(1)).min(1), up: z.boolean() }),
  'same-kernel': z.strictObject({}),
  'output-matches': z.strictObject({ pattern: z.string().min(1) }),
  'cgroup-root-inside': z.strictObject({}),
  'uid-mapped': z.strictObject({ inside: z.number().int().min(0), outside: z.number().int().min(0).optional() }),
} as const;

export type ActionName = keyof typeof ACTIONS;
export type CheckKind = keyof typeof CHECKS;

export function isActionName(name: string): name is ActionName {
  return Object.prototype.hasOwnProperty.call(ACTIONS, name);
}

export function isCheckKind(kind: string): kind is CheckKind {
  return Object.prototype.hasOwnProperty.call(CHECKS, kind);
}
