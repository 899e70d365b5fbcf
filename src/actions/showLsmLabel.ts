// Reads the LSM label of the container's PID 1 (AppArmor or SELinux) from the host's /proc/<pid>/attr/current, or says the host has none.
import * as z from 'zod';
import { defineAction, kernelFile, outcome } from '../steps/define.js';
import { lsmLabel } from '../observe/lsmLabel.js';
import { LabError } from '../errors.js';

export const showLsmLabel = defineAction({
  name: 'show-lsm-label',
  params: z.strictObject({}),
  doc: 'The helper reads /proc/<PID 1>/attr/current: the AppArmor profile or SELinux context PID 1 runs under. The lab '
    + 'applies none of its own, so it is what PID 1 inherited. On a host where no LSM labels processes the read '
    + 'fails with EINVAL and the output says so. Nothing is changed.',
  host: { effect: 'reads /proc/<PID 1>/attr/current', untrusted: 'allowed' },
  performs: [kernelFile('/proc/<pid>/attr/current', 'proc(5)')],
  needs: ['PID 1'],
  run: async (ctx) => {
    const pid = ctx.initPid;
    if (pid === null) throw new LabError('the container has no PID 1 yet', 'run the step that starts PID 1 first');
    const found = lsmLabel(ctx.sys, pid);
    const out = 'label' in found
      ? [`PID 1's label: ${found.label || '(empty)'} (/proc/${pid}/attr/current)`, 'the lab applies no profile or context of its own: PID 1 has what the process that started it had']
      : [found.none];
    return outcome(ctx.sys.drain(), out);
  },
});
