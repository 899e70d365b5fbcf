// Runs a program from inside the chroot or the pivoted root: the program is the one that root holds.
import { z } from 'zod';
import { defineAction, program, outcome } from '../steps/define.js';
import { command, rootProcess } from '../steps/params.js';
import { callRootProcess, rootPid, type RootRole } from './rootProcess.js';
import { LabError } from '../errors.js';

function lines(text = ''): string[] {
  return text.split('\n').filter((l) => l !== '');
}

export const runInRoot = defineAction({
  name: 'run-in-root',
  params: z.strictObject({ command, process: rootProcess.default('pivot') }),
  doc: 'run a program inside the chroot or the pivoted root (found in that root, not on the host)',
  performs: [program('the command', 'execve(2)')],
  needs: ['{process} process'],
  run: async (ctx, { command, process }) => {
    const argv = Array.isArray(command) ? command : ['/bin/sh', '-c', command];
    rootPid(ctx, process);
    const reply = await callRootProcess(ctx, process, { op: 'run', argv });
    ctx.lastOutput = lines(reply.stdout);
    if (reply.status !== 0) {
      throw new LabError(`${argv.join(' ')} exited with ${reply.signal ?? 'status ' + reply.status}${reply.stderr ? ': ' + reply.stderr.trim().split('\n')[0] : ''}`,
        undefined, undefined, reply.log);
    }
    const output = [...lines(reply.stdout), ...lines(reply.stderr).map((l) => `stderr: ${l}`)];
    return outcome(reply.log, output.length ? output : [`(${argv.join(' ')} printed nothing)`]);
  },
});
