// `docker exec` by hand: a program joins PID 1's namespaces and root (nsenter), started by the container process.
import { z } from 'zod';
import { defineAction, program, outcome } from '../steps/define.js';
import { command } from '../steps/params.js';
import { builderCall } from './builderCall.js';
import { enterInitArgv, requirePivotedInit } from './containerInit.js';
import { LabError } from '../errors.js';
import type { SyscallEntry } from '../types.js';

interface RunResult { log: SyscallEntry[]; status: number | null; signal: string | null; stdout: string; stderr: string }

function lines(text: string): string[] {
  return text.split('\n').filter((l) => l !== '');
}

export const execInContainer = defineAction({
  name: 'exec-in-container',
  params: z.strictObject({ command }),
  doc: 'container by hand: run a program in PID 1\'s namespaces and root (nsenter), like docker exec',
  performs: [program('nsenter', 'nsenter(1)')],
  needs: ['container root'],
  run: async (ctx, { command }) => {
    const argv = Array.isArray(command) ? command : ['/bin/sh', '-c', command];
    const pid = requirePivotedInit(ctx);
    const result = await builderCall<RunResult>(ctx, 'run', { command: enterInitArgv(pid, argv) });
    ctx.lastOutput = lines(result.stdout);
    if (result.status !== 0) {
      throw new LabError(`${argv.join(' ')} exited with ${result.signal ?? 'status ' + result.status}${result.stderr ? ': ' + result.stderr.trim().split('\n')[0] : ''}`,
        undefined, undefined, result.log);
    }
    return outcome(result.log, [...lines(result.stdout), ...lines(result.stderr).map((l) => `stderr: ${l}`)]);
  },
});
