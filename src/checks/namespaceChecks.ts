// Checks on namespace membership: /proc/<pid>/ns/<type> of the container against the host's.
import * as z from 'zod';
import { defineCheck, pass, fail } from '../steps/define.js';
import { nsName } from '../steps/params.js';
import type { LabContext } from '../steps/context.js';
import { userPid } from '../actions/userNamespaceState.js';

/** For pid the container process itself stays put; its children's namespace is pid_for_children. */
function containerLink(ctx: LabContext, ns: string): string {
  const user = userPid(ctx);
  if (ns === 'user' && user !== null) return ctx.sys.readlink(`/proc/${user}/ns/user`);
  const name = ns === 'pid' ? 'pid_for_children' : ns;
  return ctx.sys.readlink(`/proc/${ctx.builder.pid}/ns/${name}`);
}

/** The helper never leaves the host's namespaces, so its own links are the host's. */
function hostLink(ctx: LabContext, ns: string): string {
  return ctx.sys.readlink(`/proc/self/ns/${ns}`);
}

/**
 * namespaces(7): after unshare(CLONE_NEWPID), pid_for_children cannot be read (ENOENT) until
 * the first process is created in the new namespace: the namespace is there, waiting for PID 1.
 */
function pidNamespacePending(ctx: LabContext, ns: string): boolean {
  if (ns !== 'pid') return false;
  try {
    ctx.sys.readlink(`/proc/${ctx.builder.pid}/ns/pid_for_children`);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

export const nsDiffers = defineCheck({
  name: 'ns-differs',
  params: z.strictObject({ ns: nsName.or(z.literal('user')) }),
  doc: 'The container is in a namespace of its own of this kind: the link /proc/<pid>/ns/<ns> of the container '
    + 'process (pid_for_children for pid; the user-namespace process for user) names another inode than the '
    + 'helper\'s own, which never leaves the host\'s namespaces. Right after unshare(CLONE_NEWPID) the link stays '
    + 'unreadable until PID 1 exists, which also passes.',
  reads: ['/proc/<container>/ns/<ns>', '/proc/self/ns/<ns>'],
  run: (ctx, { ns }) => {
    if (pidNamespacePending(ctx, ns)) {
      return pass(`new PID namespace made; ns/pid_for_children stays unreadable until its PID 1 exists (host ${hostLink(ctx, 'pid')})`);
    }
    const inside = containerLink(ctx, ns);
    const host = hostLink(ctx, ns);
    return inside !== host ? pass(`container ${inside} ≠ host ${host}`) : fail(`container is still in the host's ${host}`);
  },
});

export const nsSame = defineCheck({
  name: 'ns-same',
  params: z.strictObject({ ns: nsName.or(z.literal('user')) }),
  doc: 'The container still shares this namespace with the host: /proc/<pid>/ns/<ns> of the container process '
    + 'names the same inode as the helper\'s own link.',
  reads: ['/proc/<container>/ns/<ns>', '/proc/self/ns/<ns>'],
  run: (ctx, { ns }) => {
    const inside = containerLink(ctx, ns);
    const host = hostLink(ctx, ns);
    return inside === host ? pass(`shared with the host: ${host}`) : fail(`container ${inside} ≠ host ${host}`);
  },
});
