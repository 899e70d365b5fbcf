// A hostname that names a container process's host PID: proof, from inside the container's UTS namespace, that the learner found it.
import * as z from 'zod';
import { defineCheck, pass, fail } from '../steps/define.js';
import { nsenter } from './nsenter.js';
import { processesInNamespace } from './processChecks.js';

export const hostnameNamesPid = defineCheck({
  name: 'hostname-names-pid',
  params: z.strictObject({
    /** the hostname starts with this, then the numbers: "pid-" */
    prefix: z.string().regex(/^[a-z][a-z0-9-]*$/).max(20),
    /** init: <prefix><host PID of the container's PID 1>; other: <prefix><host PID>-<PID inside> of another process in it */
    of: z.enum(['init', 'other']),
  }),
  doc: 'The container\'s hostname names one of its processes by the PID the host knows it by. The check finds the '
    + 'container\'s PID namespace (the container process\'s /proc/<pid>/ns/pid_for_children), lists every process of '
    + 'the host\'s /proc whose ns/pid is that namespace with its NSpid (host PID first, PID inside last), and runs '
    + 'hostname(1) in the container\'s UTS namespace with nsenter(1). With `of: init` the hostname must be '
    + '<prefix><host PID of the process that is PID 1 inside>; with `of: other`, <prefix><host PID>-<PID inside> of '
    + 'a live process in the namespace other than PID 1. The failing detail never gives the number away.',
  reads: ['/proc/<container>/ns/pid_for_children', '/proc/*/ns/pid', '/proc/*/status NSpid',
    '`nsenter --target <container> --uts hostname` (run by the check)'],
  run: (ctx, { prefix, of }) => {
    const members = processesInNamespace(ctx.sys.readlink(`/proc/${ctx.builder.pid}/ns/pid_for_children`), ctx.sys);
    const hostname = nsenter(ctx.builder.pid, ['uts'], ['hostname'], ctx.rootless, ctx.sys).trim();
    if (of === 'init') {
      const init = members.find((p) => p.inside === 1);
      if (!init) return fail('the container\'s PID namespace has no PID 1 now');
      const want = `${prefix}${init.hostPid}`;
      if (hostname === want) return pass(`hostname inside is ${hostname}: PID 1 of the container is PID ${init.hostPid} on the host (NSpid ${init.hostPid} 1)`);
      const said = new RegExp(`^${prefix}(\\d+)$`).exec(hostname);
      if (!said) return fail(`hostname inside is ${hostname}, expected ${prefix} followed by the host PID of the container's PID 1`);
      if (said[1] === '1') return fail(`hostname inside is ${hostname}: 1 is its PID inside the container; the host knows it by another`);
      return fail(`hostname inside is ${hostname}, but host PID ${said[1]} is not the container's PID 1`);
    }
    const said = new RegExp(`^${prefix}(\\d+)-(\\d+)$`).exec(hostname);
    if (!said) return fail(`hostname inside is ${hostname}, expected ${prefix}<host PID>-<PID inside> of a process in the container other than PID 1`);
    const [hostPid, inside] = [Number(said[1]), Number(said[2])];
    const found = members.find((p) => p.hostPid === hostPid);
    if (!found) return fail(`hostname inside is ${hostname}, but no process of the container has host PID ${hostPid} now`);
    if (found.inside === 1) return fail(`hostname inside is ${hostname}: host PID ${hostPid} is PID 1; start another process`);
    if (found.inside !== inside) return fail(`hostname inside is ${hostname}: host PID ${hostPid} is in the container, but its PID inside is not ${inside}`);
    return pass(`hostname inside is ${hostname}: host PID ${hostPid} is PID ${inside} inside the container (NSpid ${hostPid} ${inside})`);
  },
});
