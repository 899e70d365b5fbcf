// Chain lessons: dockerd on a containerd that already runs (the containerd lesson starts containerd alone first).
import * as z from 'zod';
import { defineAction, program, outcome } from '../steps/define.js';
import { recordSpawn, requireDaemons } from './chainUtil.js';
import { requireBinaries } from '../chain/daemons.js';
import { dockerdArgs } from '../chain/daemonLayout.js';

export const startDockerd = defineAction({
  name: 'start-dockerd',
  params: z.strictObject({}),
  doc: 'The helper starts the lab\'s dockerd, under setpriv --pdeathsig TERM, on the lab\'s containerd that an '
    + 'earlier step started alone (--containerd <session>/containerd.sock), with the same private flags as '
    + 'start-daemons. The step ends once dockerd answers GET /_ping on its socket; the learner sees its PID and '
    + 'that it uses containerd\'s socket and the namespace moby.',
  host: {
    effect: 'starts the lab\'s dockerd as root on the lab\'s containerd, state under the session directory',
    untrusted: 'allowed',
  },
  performs: [program('dockerd', 'dockerd(8)')],
  needs: ['containerd daemon'],
  provides: ['docker daemon'],
  run: async (ctx) => {
    const d = requireDaemons(ctx);
    requireBinaries(['dockerd', 'docker']); // a LabError naming the package when they are missing
    const dd = await d.startDockerd();
    recordSpawn(ctx.sys, [d.bin.dockerd.path!, ...dockerdArgs(d.layout)], dd.pid, dd.readyMs);
    return outcome(ctx.sys.drain(), [
      `dockerd ${dd.version ?? ''} pid ${dd.pid}: ready in ${Math.round(dd.readyMs)} ms on ${d.layout.dockerSocket}`,
      `its containerd: ${d.layout.containerdSocket} (pid ${d.containerd!.pid}), namespace moby`,
    ]);
  },
});
