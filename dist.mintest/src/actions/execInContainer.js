// `docker exec` by hand: a program joins PID 1's namespaces and root (nsenter), started by the container process.
// Builder request: run { command: nsenter --target=<PID 1> --mount --uts --ipc --net --pid --cgroup --root --wd -- argv }.
import { z } from 'zod';
import { defineAction, program, syscall, outcome } from '../steps/define.js';
import { command } from '../steps/params.js';
import { builderCall } from './builderCall.js';
import { enterInitArgv, requirePivotedInit } from './containerInit.js';
import { LabError } from '../errors.js';
function lines(text) {
    return text.split('\n').filter((l) => l !== '');
}
export const execInContainer = defineAction({
    name: 'exec-in-container',
    params: z.strictObject({ command }),
    doc: 'Like `docker exec`: the container process runs nsenter(1), which setns(2)s into every namespace of PID 1 '
        + '(mount, UTS, IPC, network, PID, cgroup), takes its root and working directory, and execs the command there (a '
        + 'string runs with /bin/sh -c). Started by the container process, the program also lands in its cgroup. Its '
        + 'stdout is the step\'s output; a non-zero exit fails the step with the first line of its stderr.',
    host: {
        effect: 'runs `{command}` as root with every capability in PID 1\'s namespaces and root (nsenter)',
        untrusted: {
            refused: 'a command of the lesson\'s choice runs as root with every capability (CAP_SYS_ADMIN and CAP_MKNOD let it mount the host\'s disks)',
        },
    },
    performs: [program('nsenter', 'nsenter(1)'), syscall('setns')],
    needs: ['container root'],
    run: async (ctx, { command }) => {
        const argv = Array.isArray(command) ? command : ['/bin/sh', '-c', command];
        const pid = requirePivotedInit(ctx);
        const result = await builderCall(ctx, 'run', { command: enterInitArgv(pid, argv) });
        if (result.status !== 0) {
            throw new LabError(`${argv.join(' ')} exited with ${result.signal ?? 'status ' + result.status}${result.stderr ? ': ' + result.stderr.trim().split('\n')[0] : ''}`, undefined, undefined, result.log);
        }
        return outcome(result.log, [...lines(result.stdout), ...lines(result.stderr).map((l) => `stderr: ${l}`)], lines(result.stdout));
    },
});
