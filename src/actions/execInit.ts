// PID 1 execve(2)s the image's shell: same PID, namespaces, root and cgroup; only the program changes.
import { z } from 'zod';
import { defineAction, syscall, outcome } from '../steps/define.js';
import { command } from '../steps/params.js';
import { readFileSync } from 'node:fs';
import { callRootProcess } from './rootProcess.js';
import { publishInit, requireInitWaiting, requirePivotedInit } from './containerInit.js';
import { waitFor } from './waitFor.js';
import { syscallLog, quote } from '../../native/syscallLog.js';

function cmdline(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return [];
  }
}

export const execInit = defineAction({
  name: 'exec-init',
  params: z.strictObject({ command: z.array(z.string().min(1)).min(1).default(['/bin/sh']) }),
  doc: 'container by hand: PID 1 execve(2)s a program of the image (the shell)',
  performs: [syscall('execve')],
  needs: ['container root'],
  provides: ['container program'],
  run: async (ctx, { command }) => {
    requireInitWaiting(ctx);
    const pid = requirePivotedInit(ctx);
    const started = performance.now();
    const reply = await callRootProcess(ctx, 'init', { op: 'exec', argv: command });
    ctx.container!.execed = true;
    // execve(2) does not return when it works: the log line is what the host sees once it happened.
    await waitFor(() => cmdline(pid).join(' ') === command.join(' '), 5000, `PID 1 (host PID ${pid}) to exec ${command[0]}`);
    syscallLog.record('execve', [quote(command[0]), '[' + command.map(quote).join(', ') + ']'], 0, undefined, performance.now() - started);
    publishInit(ctx, pid);
    return outcome([...reply.log, ...syscallLog.drain().map((e) => ({ ...e, pid }))], [
      ...reply.output,
      `/proc/${pid}/cmdline now reads: ${cmdline(pid).join(' ')}`,
    ]);
  },
});
