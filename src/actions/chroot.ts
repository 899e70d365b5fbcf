// chroot(2): a process inside the container makes the rootfs its root directory and looks around.
// Request to src/programs/changeRoot.ts: { op: 'chroot', path: <session>/rootfs } → chroot(path); chdir("/").
import * as z from 'zod';
import { defineAction, syscall, outcome } from '../steps/define.js';
import { startRootProcess, callRootProcess, rootfsDir } from './rootProcess.js';

export const chroot = defineAction({
  name: 'chroot',
  params: z.strictObject({}),
  doc: 'The container process starts a root changer (src/programs/changeRoot.ts, role chroot) as its child, in its '
    + 'namespaces, and asks it to chroot(2) into <session>/rootfs and then chdir("/"), as chroot(1) does. That process '
    + 'reports what it now sees as "/": the image\'s top directory, its /etc/os-release and /etc/hostname, not the '
    + 'host\'s. Only its root directory changed; its mount namespace is still the container process\'s.',
  host: {
    effect: 'starts a root process chrooted into <session>/rootfs',
    untrusted: 'allowed',
  },
  performs: [syscall('chroot'), syscall('chdir')],
  needs: ['rootfs'],
  provides: ['chroot process'],
  run: async (ctx) => {
    const started = await startRootProcess(ctx, 'chroot');
    const reply = await callRootProcess(ctx, 'chroot', { op: 'chroot', path: rootfsDir(ctx.session.dir) }, started.log);
    return outcome(reply.log, [`chroot process: host PID ${started.pid}`, ...reply.output], reply.output);
  },
});
