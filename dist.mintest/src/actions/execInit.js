// PID 1 execve(2)s the image's shell: same PID, namespaces, root and cgroup; only the program changes.
// Request to PID 1 (src/programs/changeRoot.ts): { op: 'exec', argv } → access(argv[0], X_OK), the reply, then execve(argv).
import { z } from 'zod';
import { defineAction, syscall, outcome } from '../steps/define.js';
import { callRootProcess } from './rootProcess.js';
import { containerByHand, publishInit, requireInitWaiting, requirePivotedInit } from './containerInit.js';
import { waitFor } from './waitFor.js';
import { quote } from '../../native/syscallLog.js';
function cmdline(sys, pid) {
    try {
        return sys.readFile(`/proc/${pid}/cmdline`).split('\0').filter(Boolean);
    }
    catch {
        return [];
    }
}
export const execInit = defineAction({
    name: 'exec-init',
    params: z.strictObject({ command: z.array(z.string().min(1)).min(1).default(['/bin/sh']) }),
    doc: 'PID 1, pivoted into the overlay, checks that the program is executable in its root, answers, and then '
        + 'execve(2)s it (default /bin/sh, the image\'s shell) with a plain PATH. execve keeps the PID, the namespaces, '
        + 'the root and the cgroup: only the program changes, and PID 1 takes no more requests. The helper waits until '
        + '/proc/<pid>/cmdline reads the new argv and shows it; `container-lab shell` in another terminal then joins this '
        + 'process (the session\'s init.pid).',
    host: {
        effect: 'PID 1 execs `{command}` as root with every capability in the container\'s root',
        untrusted: {
            refused: 'a program of the lesson\'s choice runs as root with every capability (CAP_SYS_ADMIN and CAP_MKNOD let it mount the host\'s disks); the image\'s /bin/sh, the default, is allowed',
            if: 'command!=/bin/sh',
        },
    },
    performs: [syscall('execve')],
    needs: ['container root'],
    provides: ['container program'],
    run: async (ctx, { command }) => {
        requireInitWaiting(ctx);
        const pid = requirePivotedInit(ctx);
        const started = performance.now();
        const reply = await callRootProcess(ctx, 'init', { op: 'exec', argv: command });
        containerByHand(ctx).execed = true;
        // execve(2) does not return when it works: the log line is what the host sees once it happened.
        await waitFor(() => cmdline(ctx.sys, pid).join(' ') === command.join(' '), 5000, `PID 1 (host PID ${pid}) to exec ${command[0]}`);
        ctx.sys.record('execve', [quote(command[0]), '[' + command.map(quote).join(', ') + ']'], 0, undefined, performance.now() - started);
        const execve = ctx.sys.drain().map((e) => ({ ...e, pid }));
        publishInit(ctx, pid);
        return outcome([...reply.log, ...execve, ...ctx.sys.drain()], [
            ...reply.output,
            `/proc/${pid}/cmdline now reads: ${cmdline(ctx.sys, pid).join(' ')}`,
        ]);
    },
});
