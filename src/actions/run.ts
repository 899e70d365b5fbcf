// A shell step: runs a program inside the container (forked by the container process) or on the host.
import { z } from 'zod';
import { defineAction, program, outcome } from '../steps/define.js';
import { command } from '../steps/params.js';
import { spawnSync } from 'node:child_process';
import { builderCall } from './builderCall.js';
import { LabError } from '../errors.js';
import { syscallLog } from '../../native/syscallLog.js';
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
  doc: 'a shell step: run a command inside the container or on the host and show its output',
  performs: [program('the command', 'execve(2)')],
  run: async (ctx, { command, where }) => {
    const argv = toArgv(command);
    let result: RunResult;
    if (where === 'container') {
      result = await builderCall<RunResult>(ctx, 'run', { command: argv });
    } else {
      const r = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8', timeout: 10000 });
      syscallLog.record('spawn', [JSON.stringify(argv.join(' '))], r.pid ?? -1, r.error ? 'ENOENT' : undefined);
      if (r.error) throw new LabError(`could not run ${argv[0]} on the host: ${r.error.message}`, undefined, undefined, syscallLog.drain());
      result = { log: syscallLog.drain(), status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
    }
    const output = [...lines(result.stdout), ...lines(result.stderr).map((l) => `stderr: ${l}`)].filter((l) => l !== '');
    ctx.lastOutput = lines(result.stdout);
    if (result.status !== 0) {
      throw new LabError(`${argv.join(' ')} exited with ${result.signal ?? 'status ' + result.status}${result.stderr ? ': ' + result.stderr.trim().split('\n')[0] : ''}`,
        undefined, undefined, result.log);
    }
    return outcome(result.log, output);
  },
});
