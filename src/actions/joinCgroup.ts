// Creates the session's cgroup (named container-lab-<session>) and moves the container process in.
import type { Action } from './context.js';
import { outcome } from './builderCall.js';
import { createSessionCgroups, joinCgroups } from '../helper/cgroups.js';
import { syscallLog } from '../../native/syscallLog.js';
import { LabError } from '../helper/rpc.js';

export const joinCgroup: Action = async (ctx) => {
  if (ctx.rootless) {
    return outcome([], ['Not root: no cgroup of the lab\'s own here. The cgroup namespace\'s root will be the cgroup this process is already in.']);
  }
  if (ctx.cgroups.roots.length === 0) {
    throw new LabError('no cgroup filesystem is mounted on this host', 'mount cgroup2 on /sys/fs/cgroup (most distributions do this at boot)');
  }
  ctx.cgroupDirs = createSessionCgroups(ctx.cgroups, ctx.session.id);
  joinCgroups(ctx.cgroupDirs, ctx.builder.pid);
  const log = syscallLog.drain();
  return outcome(log, [`cgroup mode: ${ctx.cgroups.mode}; ${ctx.cgroupDirs.length} director${ctx.cgroupDirs.length === 1 ? 'y' : 'ies'}`]);
};
