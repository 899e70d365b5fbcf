// A user namespace: first the unshare(CLONE_NEWUSER) Node cannot do, then a process started inside one.
import { z } from 'zod';
import { defineAction, program, syscall, kernelFile, outcome } from '../steps/define.js';
import { basename } from 'node:path';
import { inContainer } from './builderCall.js';
import { waitFor } from './waitFor.js';
import { userNamespaceSlot } from './userNamespaceState.js';
import { whichProgram } from '../../native/findProgram.js';
import { CLONE } from '../../native/constants.js';
import { KernelError } from '../../native/errno.js';
import { LabError } from '../errors.js';
function read(sys, path) {
    try {
        return sys.readFile(path).trim();
    }
    catch {
        return '';
    }
}
/**
 * user_namespaces(7): a process's uid inside is its uid outside seen through uid_map. As root
 * we first drop to an unprivileged uid (setpriv --reuid), then unshare(1) --map-root-user makes
 * that uid root inside — what rootless containers do. setpriv --pdeathsig ties it to the helper.
 */
export const userNamespace = defineAction({
    name: 'user-namespace',
    params: z.strictObject({ outsideUid: z.number().int().min(1).max(4294967294).default(100000) }),
    doc: 'First the container process tries unshare(CLONE_NEWUSER) itself and the step shows the answer: EINVAL, '
        + 'because the kernel makes a user namespace only for a single-threaded process and Node has threads '
        + '(unshare(2)). Then the helper starts setpriv(1), which drops to outsideUid (as root; rootless it stays the '
        + 'user) and runs unshare(1) --user --map-root-user `sleep infinity`: a process that is uid 0 inside a new user '
        + 'namespace, with uid_map "0 <outsideUid> 1" (user_namespaces(7)). The step waits for that map; the identity '
        + 'panel then shows root inside and an unprivileged uid on the host. The process is killed when the lesson closes.',
    host: {
        effect: 'starts `unshare --user --map-root-user sleep` as uid {outsideUid} on the host',
        untrusted: 'allowed',
    },
    performs: [program('unshare', 'unshare(1) --user'), kernelFile('uid_map', 'user_namespaces(7)'), syscall('unshare')],
    provides: ['user namespace process'],
    inContainer({ sys }) {
        try {
            sys.kernel.unshare(CLONE.NEWUSER);
            return { errno: null };
        }
        catch (error) {
            if (error instanceof KernelError)
                return { errno: error.code };
            throw error;
        }
    },
    run: async (ctx, params) => {
        const attempt = await inContainer(ctx, 'user-namespace', params);
        const setpriv = whichProgram('setpriv');
        const unshare = whichProgram('unshare');
        const sleep = whichProgram('sleep');
        if (!setpriv || !unshare || !sleep)
            throw new LabError('setpriv(1) or unshare(1) is missing', 'install util-linux (and coreutils)');
        const uid = String(params.outsideUid);
        const drop = ctx.rootless ? [] : ['--reuid', uid, '--regid', uid, '--clear-groups'];
        const argv = [setpriv, '--pdeathsig', 'KILL', ...drop, '--', unshare, '--user', '--map-root-user', '--', sleep, 'infinity'];
        let pid;
        try {
            pid = ctx.sys.start(argv, { argv0: 'container-lab-setpriv', quiet: true, log: argv.map((a) => (a.startsWith('/') ? basename(a) : a)) }).pid;
        }
        catch {
            throw new LabError('could not start the user-namespace process');
        }
        const slot = ctx.slots.use(userNamespaceSlot);
        if (slot.process)
            ctx.sys.kill(slot.process.pid, 'SIGKILL');
        slot.process = { pid, sys: ctx.sys };
        await waitFor(() => read(ctx.sys, `/proc/${pid}/uid_map`) !== '' && read(ctx.sys, `/proc/${pid}/comm`) === 'sleep', 5000, 'the user namespace to get its uid_map');
        const notes = [
            attempt.errno
                ? `unshare(CLONE_NEWUSER) in the container process: ${attempt.errno} — Node has threads, and the kernel only lets a single-threaded process make a user namespace.`
                : 'unshare(CLONE_NEWUSER) succeeded in the container process.',
            `Started host PID ${pid} in a new user namespace; uid_map: ${read(ctx.sys, `/proc/${pid}/uid_map`)}`,
        ];
        return outcome([...attempt.log, ...ctx.sys.drain()], notes);
    },
});
