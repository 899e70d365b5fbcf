// Sets the most tasks the container may have: pids.max (the same name on cgroup v1 and v2).
import type { Action } from './context.js';
import { outcome } from './builderCall.js';
import { labCgroup } from './hog.js';
import { syscallLog } from '../../native/syscallLog.js';

export const setPidsMax: Action<{ max: number }> = async (ctx, { max }) => {
  const cgroup = labCgroup(ctx);
  cgroup.setPidsMax(max);
  const { current } = cgroup.pids();
  return outcome(syscallLog.drain(), [
    `pids.max ${max} (the same name on cgroup v1 and v2), in ${cgroup.dir('pids')}`,
    `pids.current is already ${current}: it counts tasks, and every thread of the container process (Node) is one`,
  ]);
};
