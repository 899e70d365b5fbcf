// Reads the capability sets of the container's PID 1 from the host's /proc/<pid>/status and shows them by name.
import * as z from 'zod';
import { defineAction, kernelFile, outcome } from '../steps/define.js';
import { capabilityLines } from '../observe/interpret/capabilitiesReading.js';
import { LabError } from '../errors.js';

export const showCaps = defineAction({
  name: 'show-caps',
  params: z.strictObject({}),
  doc: 'The helper reads /proc/<PID 1>/status of the container\'s PID 1 and decodes each capability set (CapInh, '
    + 'CapPrm, CapEff, CapBnd, CapAmb: hex masks, bit n for capability n of capabilities(7)) into names. The output '
    + 'shows each set\'s mask and count, the effective set by name when it is short, and which capabilities of the '
    + 'bounding set Docker\'s default 14 (moby oci/caps/defaults.go) would not keep, CAP_SYS_ADMIN first. Nothing is changed.',
  host: { effect: 'reads /proc/<PID 1>/status', untrusted: 'allowed' },
  performs: [kernelFile('/proc/<pid>/status', 'proc(5)')],
  needs: ['PID 1'],
  run: async (ctx) => {
    const pid = ctx.initPid;
    if (pid === null) throw new LabError('the container has no PID 1 yet', 'run the step that starts PID 1 first');
    return outcome(ctx.sys.drain(), capabilityLines(ctx.sys.readFile(`/proc/${pid}/status`)));
  },
});
