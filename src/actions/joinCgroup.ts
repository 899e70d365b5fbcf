// Creates the session's cgroup (named container-lab-<session>) and moves the container's processes in.
import * as z from 'zod';
import { defineAction, syscall, kernelFile, program, outcome, skipped } from '../steps/define.js';
import { cgroupNotHere } from './cgroupState.js';
import { createSessionCgroups, joinCgroups } from '../cgroup/session.js';
import { rootlessCgroupDelegation } from '../cgroup/delegation.js';
import { LabError } from '../errors.js';

export const joinCgroup = defineAction({
  name: 'join-cgroup',
  params: z.strictObject({}),
  doc: 'The helper makes the session\'s cgroup, container-lab-<session>, in each cgroup hierarchy the lab found '
    + 'mounted (mkdir(2); on v1 a new cpuset group gets its parent\'s cpuset.cpus and cpuset.mems, cpusets(7)). '
    + 'On pure cgroup v2 under systemd it asks systemd instead for a transient scope with Delegate=yes, '
    + 'container-lab-<session>.scope (busctl(1) StartTransientUnit, which moves the container process in), '
    + 'since systemd owns the tree; without systemd the directory goes under the cgroup2 root. On v2 the processes '
    + 'go in a leaf, container, below it. Then it writes the container process\'s PID, and PID 1\'s if it runs, to '
    + 'each cgroup.procs (cgroups(7)); children made later inherit the cgroup. The step shows /proc/<pid>/cgroup of '
    + 'the container process as it now reads. Not root, the lab makes a cgroup only where systemd delegates a v2 '
    + 'subtree to the user (a scope from the user\'s manager); elsewhere it makes none and the step is skipped, with '
    + 'the reason and what the host would need, as are set-memory-limit and set-pids-max after it and the checks '
    + 'that read the lab cgroup.',
  host: {
    effect: 'makes the cgroup container-lab-<session> in every cgroup hierarchy (on systemd v2: the scope container-lab-<session>.scope) and moves the container process into it',
    untrusted: 'allowed',
  },
  performs: [kernelFile('cgroup.procs', 'cgroups(7)'), syscall('mkdir'), program('busctl', 'busctl(1)')],
  provides: ['lab cgroup'],
  run: async (ctx) => {
    if (ctx.rootless) {
      const delegated = rootlessCgroupDelegation('/', process.getuid?.(), ctx.sys);
      // nothing is made: the step, and every step and check on the lab cgroup, say why and what would be needed
      if (!delegated.ok) return skipped(cgroupNotHere(ctx, delegated), ctx.sys.drain());
    }
    if (ctx.cgroups.roots.length === 0) {
      throw new LabError('no cgroup filesystem is mounted on this host', 'mount cgroup2 on /sys/fs/cgroup (most distributions do this at boot)');
    }
    // The container process, and PID 1 if it already runs: children made later inherit the cgroup.
    const pids = [ctx.builder.pid, ...(ctx.initPid !== null && ctx.sys.exists(`/proc/${ctx.initPid}`) ? [ctx.initPid] : [])];
    const made = createSessionCgroups(ctx.cgroups, ctx.session.id, ctx.sys, pids, ctx.rootless);
    ctx.cgroupDirs = made.dirs;
    for (const pid of pids) joinCgroups(ctx.cgroupDirs, pid, ctx.sys);
    const log = ctx.sys.drain();
    const membership = ctx.sys.readFile(`/proc/${ctx.builder.pid}/cgroup`).trim().split('\n');
    return outcome(log, [
      `cgroup mode: ${ctx.cgroups.mode}; ${ctx.cgroupDirs.length} director${ctx.cgroupDirs.length === 1 ? 'y' : 'ies'}`,
      ...(made.placement ? [`the lab's cgroup is ${made.placement}`] : []),
      `/proc/${ctx.builder.pid}/cgroup now reads:`,
      ...membership.map((l) => `  ${l}`),
    ]);
  },
});
