// Reads the capability sets of the container's PID 1 from the host's /proc/<pid>/status and shows them by name.
import * as z from 'zod';
import { defineAction, kernelFile, outcome } from '../steps/define.js';
import { parseCapabilities, CAP_SETS } from '../observe/parse/capabilities.js';
import { DOCKER_DEFAULT_CAPS } from '../../native/capabilities.js';
import { LabError } from '../errors.js';

/** Docker's default set drops these first: the ones a lesson names when it says what the 14 leave out. */
const FIRST_DROPPED = ['CAP_SYS_ADMIN', 'CAP_NET_ADMIN', 'CAP_SYS_MODULE', 'CAP_SYS_PTRACE', 'CAP_SYS_RAWIO', 'CAP_SYS_TIME', 'CAP_DAC_READ_SEARCH'];

function short(names: string[]): string {
  return names.map((n) => n.replace(/^CAP_/, '').toLowerCase()).join(' ');
}

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
    const status = ctx.sys.readFile(`/proc/${pid}/status`);
    const sets = parseCapabilities(status);
    const masks = new Map([...status.matchAll(/^(Cap\w+):\s*([0-9a-f]+)$/gm)].map((m) => [m[1], m[2]]));
    const out = CAP_SETS.filter((s) => sets[s]).map((s) => `${s} ${masks.get(s)}: ${sets[s]!.length} capabilities`);
    const eff = sets.CapEff ?? [];
    if (eff.length && eff.length <= 16) out.push(`CapEff by name: ${short(eff)}`);
    const bnd = sets.CapBnd ?? [];
    const notDockers = bnd.filter((c) => !DOCKER_DEFAULT_CAPS.includes(c as (typeof DOCKER_DEFAULT_CAPS)[number]));
    if (notDockers.length) {
      const ordered = [...FIRST_DROPPED.filter((c) => notDockers.includes(c)), ...notDockers.filter((c) => !FIRST_DROPPED.includes(c))];
      out.push(`Docker's default set would drop ${notDockers.length} of these: ${short(ordered)}`);
    } else {
      out.push(`the bounding set holds nothing beyond Docker's default 14: ${short(bnd)}`);
    }
    return outcome(ctx.sys.drain(), out);
  },
});
