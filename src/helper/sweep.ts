// Removes what crashed sessions left that the kernel does not reclaim: cgroup dirs and scratch dirs.
import { cgroupHierarchies, cgroupHasProcesses, listLabCgroups, removeCgroupDir, CGROUP_PREFIX } from '../cgroup/session.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { cleanupDaemons } from '../chain/daemonCleanup.js';
import { daemonLayout } from '../chain/daemonLayout.js';
import { listSessionDirs, removeSessionDir, sessionIdOf, sessionIsAlive, stateRoot } from './stateDir.js';

/**
 * A session is dead when the helper that owned it is gone. Its cgroup directories are removed;
 * a lab cgroup with no session directory here is removed only when no process is left in it
 * (it may belong to a session with another state directory that is still running).
 */
export async function sweepLeftovers(root = stateRoot()): Promise<string[]> {
  const removed: string[] = [];
  const live = new Set<string>();
  const dead = new Set<string>();
  for (const dir of listSessionDirs(root)) {
    if (sessionIsAlive(dir)) live.add(sessionIdOf(dir));
    else {
      dead.add(sessionIdOf(dir));
      // a crashed chain lesson's daemons, shims and containers, if the reaper did not get to them
      if (existsSync(join(dir, 'containerd.toml'))) await cleanupDaemons(dir, daemonLayout(dir, sessionIdOf(dir)).cgroupParent);
      removeSessionDir(dir);
      removed.push(`scratch directory ${dir}`);
    }
  }
  for (const dir of listLabCgroups(cgroupHierarchies())) {
    // container-lab-<session>, or a chain lesson's container-lab-<session>-docker / -runc
    const id = dir.slice(dir.lastIndexOf('/') + 1 + CGROUP_PREFIX.length).split('-')[0];
    if (live.has(id)) continue;
    if (!dead.has(id) && cgroupHasProcesses(dir)) continue;
    if (await removeCgroupDir(dir)) removed.push(`cgroup ${dir}`);
  }
  return removed;
}
