// Chain lessons: dockerd on a containerd that already runs (the containerd lesson starts containerd alone first).
import { z } from 'zod';
import { defineAction, program, outcome } from '../steps/define.js';
import { requireDaemons } from './chainUtil.js';
import { requireBinaries } from '../chain/daemons.js';
import { dockerdArgs } from '../chain/daemonLayout.js';
import { logSpawn } from '../sys/programs.js';
import { syscallLog } from '../../native/syscallLog.js';

export const startDockerd = defineAction({
  name: 'start-dockerd',
  params: z.strictObject({}),
  doc: 'containerd lesson: dockerd on the containerd that already runs',
  performs: [program('dockerd', 'dockerd(8)')],
  needs: ['containerd daemon'],
  provides: ['docker daemon'],
  run: async (ctx) => {
    const d = requireDaemons(ctx);
    requireBinaries(['dockerd', 'docker']); // a LabError naming the package when they are missing
    const dd = await d.startDockerd();
    logSpawn([d.bin.dockerd.path!, ...dockerdArgs(d.layout)], dd.pid, dd.readyMs);
    return outcome(syscallLog.drain(), [
      `dockerd ${dd.version ?? ''} pid ${dd.pid}: ready in ${Math.round(dd.readyMs)} ms on ${d.layout.dockerSocket}`,
      `its containerd: ${d.layout.containerdSocket} (pid ${d.containerd!.pid}), namespace moby`,
    ]);
  },
});
