// Chain lesson: containerd's own view of what docker made — its containers and its tasks, in one namespace.
import * as z from 'zod';
import { defineAction, program, outcome } from '../steps/define.js';
import { checked, outputLines, requireDaemons } from './chainUtil.js';
import { setBlock, shortLine } from './chainBlock.js';

/** `ctr -n <ns> containers ls` and `tasks ls`: a container is metadata, a task is the running process. */
export const containerdView = defineAction({
  name: 'containerd-view',
  params: z.strictObject({ namespace: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/).default('moby') }),
  doc: 'The helper runs `ctr containers ls` and `ctr tasks ls` in containerd\'s namespace `namespace` (moby is '
    + 'dockerd\'s) on the lab\'s containerd. The chain panel shows both tables: a container is containerd\'s '
    + 'metadata record, a task is its running process with its host PID and status; the output lists both.',
  host: {
    effect: 'runs `ctr containers ls` and `ctr tasks ls` against the lab\'s containerd',
    untrusted: 'allowed',
  },
  performs: [program('ctr', 'ctr(8)')],
  needs: ['containerd daemon'],
  run: async (ctx, { namespace }) => {
    const d = requireDaemons(ctx);
    const containers = checked(await d.ctr(namespace, ['containers', 'ls'], { log: true }), 'ctr containers ls');
    const tasks = checked(await d.ctr(namespace, ['tasks', 'ls'], { log: true }), 'ctr tasks ls');
    const c = outputLines(containers.stdout).map(shortLine);
    const t = outputLines(tasks.stdout).map(shortLine);
    setBlock(ctx, `containerd: containers in namespace ${namespace}`, c.length ? c : ['(none)']);
    setBlock(ctx, `containerd: tasks in namespace ${namespace}`, t.length ? t : ['(none)']);
    return outcome(ctx.sys.drain(), [`ctr -n ${namespace} containers ls`, ...c, `ctr -n ${namespace} tasks ls`, ...t], [...outputLines(containers.stdout), ...outputLines(tasks.stdout)]);
  },
});
