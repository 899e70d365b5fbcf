// Runs a program from inside the chroot or the pivoted root: the program is the one that root holds.
// Request to src/programs/changeRoot.ts: { op: 'run', argv } → that process spawns argv and waits for it (10 s at most).
import * as z from 'zod';
import { defineAction, program, outcome } from '../steps/define.js';
import { command, rootProcess } from '../steps/params.js';
import { requireInitWaiting } from './containerInit.js';
import { callRootProcess, rootPid } from './rootProcess.js';
import { LabError } from '../errors.js';

function lines(text = ''): string[] {
  return text.split('\n').filter((l) => l !== '');
}

export const runInRoot = defineAction({
  name: 'run-in-root',
  params: z.strictObject({ command, process: z.enum([...rootProcess.options, 'init']).default('pivot') }),
  doc: 'The chroot or the pivot_root process (default pivot), or the container\'s PID 1 while it still takes '
    + 'requests (init), runs a program and waits for it: a string runs with '
    + '/bin/sh -c, a list as it is. The program is looked up in that process\'s root, so it is the image\'s, and it '
    + 'inherits that process\'s namespaces and root, and its capabilities, no_new_privs and seccomp filter. Its stdout is the step\'s output (the output checks read it); '
    + 'a non-zero exit fails the step with the first line of its stderr.',
  host: {
    effect: 'runs `{command}` as root in the {process} process\'s root, with its capabilities (every one, unless a step dropped some)',
    untrusted: {
      refused: 'a command of the lesson\'s choice runs as root with every capability: from a chroot it can climb out to the host\'s / (escape-root shows how), and even after pivot_root, CAP_SYS_ADMIN and CAP_MKNOD let it mount the host\'s disks',
    },
  },
  performs: [program('the command', 'execve(2)')],
  needs: ['{process} process'],
  run: async (ctx, { command, process }) => {
    const argv = Array.isArray(command) ? command : ['/bin/sh', '-c', command];
    if (process === 'init') requireInitWaiting(ctx);
    else rootPid(ctx, process);
    const reply = await callRootProcess(ctx, process, { op: 'run', argv });
    if (reply.status !== 0) {
      throw new LabError(`${argv.join(' ')} exited with ${reply.signal ?? 'status ' + reply.status}${reply.stderr ? ': ' + reply.stderr.trim().split('\n')[0] : ''}`,
        undefined, undefined, reply.log);
    }
    const output = [...lines(reply.stdout), ...lines(reply.stderr).map((l) => `stderr: ${l}`)];
    return outcome(reply.log, output.length ? output : [`(${argv.join(' ')} printed nothing)`], lines(reply.stdout));
  },
});
