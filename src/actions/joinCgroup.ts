// Creates the session's cgroup (named container-lab-<session>) and moves the container's processes in.
import { z } from 'zod';
import { defineAction, syscall, kernelFile, outcome } from '../steps/define.js';
import { createSessionCgroups, joinCgroups } from '../cgroup/session.js';
import { LabError } from '../errors.js';

export const joinCgroup = defineAction({
  name: 'join-cgroup',
  params: z.strictObject({}),
  doc: 'The helper makes the session\'s cgroup, container-lab-<session>, in each cgroup hierarchy the lab found '
    + 'mounted (mkdir(2); on cgroup v2 with a leaf directory inside it; on v1 a new cpuset group gets its parent\'s '
    + 'cpuset.cpus and cpuset.mems, cpusets(7)), then writes the container '
    + 'process\'s PID, and PID 1\'s if it runs, to each cgroup.procs (cgroups(7)); children made later inherit the '
    + 'cgroup. The step shows /proc/<pid>/cgroup of the container process as it now reads. Not root, the lab makes '
    + 'no cgroup and says so.',
  host: {
    effect: 'makes the cgroup container-lab-<session> in every cgroup hierarchy and moves the container process into it',
    untrusted: 'allowed',
  },
  performs: [kernelFile('cgroup.procs', 'cgroups(7)'), syscall('mkdir')],
  provides: ['lab cgroup'],
  run: async (ctx) => {
    if (ctx.rootless) {
      return outcome([], ['Not root: no cgroup of the lab\'s own here. The cgroup namespace\'s root will be the cgroup this process is already in.']);
    }
    if (ctx.cgroups.roots.length === 0) {
      throw new LabError('no cgroup filesystem is mounted on this host', 'mount cgroup2 on /sys/fs/cgroup (most distributions do this at boot)');
    }
    ctx.cgroupDirs = createSessionCgroups(ctx.cgroups, ctx.session.id, ctx.sys);
    // The container process, and PID 1 if it already runs: children made later inherit the cgroup.
    const pids = [ctx.builder.pid, ...(ctx.initPid !== null && ctx.sys.exists(`/proc/${ctx.initPid}`) ? [ctx.initPid] : [])];
    for (const pid of pids) joinCgroups(ctx.cgroupDirs, pid, ctx.sys);
    const log = ctx.sys.drain();
    const membership = ctx.sys.readFile(`/proc/${ctx.builder.pid}/cgroup`).trim().split('\n');
    return outcome(log, [
      `cgroup mode: ${ctx.cgroups.mode}; ${ctx.cgroupDirs.length} director${ctx.cgroupDirs.length === 1 ? 'y' : 'ies'}`,
      `/proc/${ctx.builder.pid}/cgroup now reads:`,
      ...membership.map((l) => `  ${l}`),
    ]);
  },
});
