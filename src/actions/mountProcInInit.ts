// PID 1, before pivot_root, takes a mount namespace of its own and mounts a fresh proc on the overlay's /proc.
// Request to PID 1 (src/programs/changeRoot.ts): { op: 'mountProc', under: merged } → unshare(CLONE_NEWNS);
// mount("proc", merged + "/proc", "proc", MS_NOSUID|MS_NODEV|MS_NOEXEC): runc's order, which a user namespace needs.
import * as z from 'zod';
import { defineAction, syscall, outcome } from '../steps/define.js';
import { containerName } from '../steps/params.js';
import { callRootProcess } from './rootProcess.js';
import { requireContainer } from './layersState.js';
import { containerByHand, requireInitWaiting } from './containerInit.js';
import { LabError } from '../errors.js';

export const mountProcInInit = defineAction({
  name: 'mount-proc-in-init',
  params: z.strictObject({ container: containerName }),
  doc: 'PID 1, not yet pivoted, takes a mount namespace of its own (unshare(2) CLONE_NEWNS, a copy of the container '
    + 'process\'s private mounts) and mounts a new proc filesystem (mount(2), nosuid, nodev, noexec) on /proc of the '
    + 'named container\'s merged overlay directory, as runc does before pivot_root (libcontainer/rootfs_linux.go, '
    + 'prepareRootfs()). A proc mount shows the PID namespace of the process that mounts it (proc(5)): it lists only '
    + 'the container\'s processes, with PID 1 itself. Mounted before pivot_root, while the host\'s proc is still '
    + 'visible in that mount namespace, it works in a user namespace too (fs/namespace.c mount_too_revealing()); '
    + 'pivot-init then carries it to /proc of the new "/".',
  host: {
    effect: 'mounts a new proc on /proc of container {container}\'s overlay, in PID 1\'s own mount namespace',
    untrusted: 'allowed',
  },
  performs: [syscall('mount', 'proc(5)'), syscall('unshare', 'CLONE_NEWNS unshare(2)')],
  needs: ['container init', 'overlay {container}'],
  run: async (ctx, { container }) => {
    const pid = requireInitWaiting(ctx);
    if (containerByHand(ctx)?.merged) {
      throw new LabError(`PID 1 (host PID ${pid}) has pivoted already: proc goes on the rootfs before pivot_root`, 'reset the lesson (r) and run the /proc step before the pivot_root one');
    }
    const { merged } = requireContainer(ctx, container);
    const reply = await callRootProcess(ctx, 'init', { op: 'mountProc', under: merged });
    return outcome(reply.log, [`proc mounted on ${merged}/proc by PID 1 (host PID ${pid}), in a mount namespace of its own`]);
  },
});
