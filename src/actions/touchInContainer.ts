// Shim lesson: create a file in the container's root from the host, through /proc/<pid>/root, and wait for the container to react.
import { z } from 'zod';
import { defineAction, syscall, outcome } from '../steps/define.js';
import { closeSync, openSync } from 'node:fs';
import { chain } from './chainState.js';
import { LabError } from '../errors.js';
import { syscallLog, quote } from '../../native/syscallLog.js';
import { isRunning } from '../observe/procState.js';

const WAIT_MS = 5000;


export const touchInContainer = defineAction({
  name: 'touch-in-container',
  params: z.strictObject({ path: z.string().regex(/^(\/(?!\.\.?(\/|$))[A-Za-z0-9._-]+)+$/, 'an absolute path inside the container, no .. or .') }),
  doc: 'shim lesson: create an empty file in the container from the host, via /proc/<pid>/root; wait ≤ 5 s for the container to exit',
  performs: [syscall('open', 'open(2) through /proc/<pid>/root, proc(5)')],
  needs: ['docker daemon'],
  run: async (ctx, { path }) => {
    const c = chain(ctx);
    const pid = c.container?.pid ?? c.focusPid;
    if (!pid || !isRunning(pid)) throw new LabError('no container process is running', 'run the step that starts the container first');
    // /proc/<pid>/root is the process's root directory, followed in its own mount namespace: the
    // container's overlay, though the host never mounted it where it can see it.
    const hostPath = `/proc/${pid}/root${path}`;
    const started = performance.now();
    let fd: number;
    try {
      fd = openSync(hostPath, 'a', 0o644);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? 'EIO';
      syscallLog.record('openat', ['AT_FDCWD', quote(hostPath), 'O_WRONLY|O_CREAT|O_APPEND', '0644'], -1, code);
      throw new LabError(`could not create ${path} in the container: ${code}`, 'does its parent directory exist in the image?');
    }
    syscallLog.record('openat', ['AT_FDCWD', quote(hostPath), 'O_WRONLY|O_CREAT|O_APPEND', '0644'], fd, undefined, performance.now() - started);
    closeSync(fd);
    syscallLog.record('close', [String(fd)], 0);
    const out = [`${hostPath}: created, the container's ${path}`];
    const waitStart = performance.now();
    while (isRunning(pid) && performance.now() - waitStart < WAIT_MS) await new Promise((r) => setTimeout(r, 10));
    out.push(isRunning(pid) ? `PID ${pid} still runs ${WAIT_MS / 1000} s later` : `PID ${pid} exited ${Math.round(performance.now() - waitStart)} ms later`);
    return outcome(syscallLog.drain(), out);
  },
});
