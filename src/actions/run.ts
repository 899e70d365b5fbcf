// A shell step: runs a program inside the container (forked by the container process) or on the host.
import * as z from 'zod';
import { defineAction, program, outcome } from '../steps/define.js';
import { command } from '../steps/params.js';
import { builderCall } from './builderCall.js';
import { LabError } from '../errors.js';
import type { SyscallEntry } from '../types.js';

interface RunResult { log: SyscallEntry[]; status: number | null; signal: string | null; stdout: string; stderr: string }

function toArgv(command: string | string[]): string[] {
  return Array.isArray(command) ? command : ['/bin/sh', '-c', command];
}

function lines(text: string): string[] {
  return text.replace(/\n+$/, '').split('\n').filter((l, i, all) => l !== '' || all.length > 1);
}

export const run = defineAction({
  name: 'run',
  params: z.strictObject({ command, where: z.enum(['container', 'host']).default('container') }),
  doc: 'A shell step: runs the command (a string goes to /bin/sh -c) to its end, at most 10 s, and shows what it '
    + 'printed. In the container the container process forks and execs it, so it inherits every namespace the '
    + 'container has so far (it refuses while a new PID namespace has no PID 1); on the host the helper runs it. '
    + 'Its stdout is what output checks read; a non-zero exit fails the step.',
  host: {
    effect: [
      'runs `{command}` as root on the host if where=host',
      'runs `{command}` as root with every capability from the container process, whose root is always the host\'s /: it sees and can change the host\'s files if where=container',
    ],
    untrusted: {
      refused: 'a command of the lesson\'s choice runs as root with the host\'s files in reach (the container process never changes its own root: chroot and pivot_root happen in its children)',
    },
  },
  performs: [program('the command', 'execve(2)')],
  run: async (ctx, { command, where }) => {
    const argv = toArgv(command);
    let result: RunResult;
    if (where === 'container') {
      result = await builderCall<RunResult>(ctx, 'run', { command: argv });
    } else {
      const r = ctx.sys.runSync(argv, { timeoutMs: 10000 });
      if (r.error) throw new LabError(`could not run ${argv[0]} on the host: ${r.stderr || r.error}`, undefined, undefined, ctx.sys.drain());
      result = { log: ctx.sys.drain(), status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
    }
    const output = [...lines(result.stdout), ...lines(result.stderr).map((l) => `stderr: ${l}`)].filter((l) => l !== '');
    if (result.status !== 0) {
      throw new LabError(`${argv.join(' ')} exited with ${result.signal ?? 'status ' + result.status}${result.stderr ? ': ' + result.stderr.trim().split('\n')[0] : ''}`,
        undefined, undefined, result.log);
    }
    return outcome(result.log, output, lines(result.stdout));
  },
});
