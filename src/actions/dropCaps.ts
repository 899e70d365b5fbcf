// PID 1 narrows its capabilities to a set (Docker's 14 by default): PR_CAPBSET_DROP for every other one, then capset(2).
// Request to PID 1 (src/programs/changeRoot.ts): { op: 'dropCaps', keep } → prctl(PR_CAPBSET_DROP, n) for each n not kept; capset(kept, kept, 0).
import * as z from 'zod';
import { defineAction, syscall, outcome } from '../steps/define.js';
import { CAPABILITY_NAMES, DOCKER_DEFAULT_CAPS, capabilityNumber } from '../../native/capabilities.js';
import { callRootProcess } from './rootProcess.js';
import { requireInitWaiting } from './containerInit.js';

export const dropCaps = defineAction({
  name: 'drop-caps',
  params: z.strictObject({ keep: z.array(z.enum(CAPABILITY_NAMES)).default([...DOCKER_DEFAULT_CAPS]) }),
  doc: 'PID 1, still taking requests, gives up every capability not in `keep` (default: Docker\'s 14, moby '
    + 'oci/caps/defaults.go): prctl(2) PR_CAPBSET_DROP for each capability of this kernel (0 to '
    + '/proc/sys/kernel/cap_last_cap) not kept, which needs CAP_SETPCAP and can never be undone; then capset(2) '
    + 'with permitted and effective the kept set and inheritable empty. Dropped from the bounding set, a '
    + 'capability does not come back at execve(2) either, even for root (capabilities(7)). Mounts and pivot_root '
    + 'need CAP_SYS_ADMIN: do them before.',
  host: { effect: 'narrows the capabilities of the container\'s PID 1 (its own, nothing else\'s)', untrusted: 'allowed' },
  performs: [syscall('prctl', 'PR_CAPBSET_DROP prctl(2)'), syscall('capset')],
  needs: ['container init'],
  run: async (ctx, { keep }) => {
    requireInitWaiting(ctx);
    const reply = await callRootProcess(ctx, 'init', { op: 'dropCaps', keep: keep.map((c) => capabilityNumber(c)!) });
    return outcome(reply.log, reply.output);
  },
});
