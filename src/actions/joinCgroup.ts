// Creates the session's cgroup (named container-lab-<session>) and moves the container's processes in.
import { z } from 'zod';
import { defineAction, syscall, kernelFile, outcome } from '../steps/define.js';
import { existsSync, readFileSync } from 'node:fs';
import { createSessionCgroups, joinCgroups } from '../cgroup/session.js';
import { syscallLog } from '../../native/syscallLog.js';
import { LabError } from '../errors.js';

export const joinCgroup = defineAction({
  name: 'join-cgroup',
  params: z.strictObject({}),
  doc: 'create the lab\'s cgroup and move the container process into it',
  performs: [kernelFile('cgroup.procs', 'cgroups(7)'), syscall('mkdir')],
  provides: ['lab cgroup'],
  run: async (ctx) => {
    if (ctx.rootless) {
      return outcome([], ['Not root: no cgroup of the lab\'s own here. The cgroup namespace\'s root will be the cgroup this process is already in.']);
    }
    if (ctx.cgroups.roots.length === 0) {
      throw new LabError('no cgroup filesystem is mounted on this host', 'mount cgroup2 on /sys/fs/cgroup (most distributions do this at boot)');
    }
    ctx.cgroupDirs = createSessionCgroups(ctx.cgroups, ctx.session.id);
    // The container process, and PID 1 if it already runs: children made later inherit the cgroup.
    const pids = [ctx.builder.pid, ...(ctx.initPid !== null && existsSync(`/proc/${ctx.initPid}`) ? [ctx.initPid] : [])];
    for (const pid of pids) joinCgroups(ctx.cgroupDirs, pid);
    const log = syscallLog.drain();
    const membership = readFileSync(`/proc/${ctx.builder.pid}/cgroup`, 'utf8').trim().split('\n');
    return outcome(log, [
      `cgroup mode: ${ctx.cgroups.mode}; ${ctx.cgroupDirs.length} director${ctx.cgroupDirs.length === 1 ? 'y' : 'ies'}`,
      `/proc/${ctx.builder.pid}/cgroup now reads:`,
      ...membership.map((l) => `  ${l}`),
    ]);
  },
});
