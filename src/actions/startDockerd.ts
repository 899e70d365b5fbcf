// Chain lessons: dockerd on a containerd that already runs (the containerd lesson starts containerd alone first).
import type { Action } from './context.js';
import { outcome } from './builderCall.js';
import { requireDaemons } from './chainUtil.js';
import { requireBinaries } from '../chain/daemons.js';
import { dockerdArgs } from '../chain/daemonLayout.js';
import { logSpawn } from '../chain/programLog.js';
import { syscallLog } from '../../native/syscallLog.js';

export const startDockerd: Action<Record<string, never>> = async (ctx) => {
  const d = requireDaemons(ctx);
  requireBinaries(['dockerd', 'docker']); // a LabError naming the package when they are missing
  const dd = await d.startDockerd();
  logSpawn([d.bin.dockerd.path!, ...dockerdArgs(d.layout)], dd.pid, dd.readyMs);
  return outcome(syscallLog.drain(), [
    `dockerd ${dd.version ?? ''} pid ${dd.pid}: ready in ${Math.round(dd.readyMs)} ms on ${d.layout.dockerSocket}`,
    `its containerd: ${d.layout.containerdSocket} (pid ${d.containerd!.pid}), namespace moby`,
  ]);
};
