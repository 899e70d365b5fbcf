// Shim lesson: create a file in the container's root from the host, through /proc/<pid>/root, and wait for the container to react.
import { z } from 'zod';
import { defineAction, syscall, outcome } from '../steps/define.js';
import { closeSync, openSync } from 'node:fs';
import { chain } from './chainState.js';
import { LabError } from '../errors.js';
import { quote } from '../../native/syscallLog.js';
import { liveProc } from '../chain/procRead.js';
import type { LabContext } from '../steps/context.js';

const WAIT_MS = 5000;

const running = (ctx: LabContext, pid: number) => liveProc(ctx.sys, pid) !== null;

export const touchInContainer = defineAction({
  name: 'touch-in-container',
  params: z.strictObject({ path: z.string().regex(/^(\/(?!\.\.?(\/|$))[A-Za-z0-9._-]+)+$/, 'an absolute path inside the container, no .. or .') }),
  doc: 'The helper, on the host, opens /proc/<pid>/root/<path> of the lesson\'s container process with '
    + 'O_WRONLY|O_CREAT|O_APPEND and closes it: /proc/<pid>/root is that process\'s root directory seen through '
    + 'its own mount namespace, so the empty file appears inside the container\'s overlay, which the host never '
    + 'mounted where it could see it. The step then waits at most 5 s for the container\'s first process to exit '
    + '(a lesson\'s program may wait for that file); the learner sees whether and when it did.',
  host: {
    effect: 'creates the empty file {path} inside the lab\'s docker container (through /proc/<pid>/root)',
    untrusted: 'allowed',
  },
  performs: [syscall('open', 'open(2) through /proc/<pid>/root, proc(5)')],
  needs: ['docker daemon'],
  run: async (ctx, { path }) => {
    const c = chain(ctx);
    const pid = c.container?.pid ?? c.focusPid;
    if (!pid || !running(ctx, pid)) throw new LabError('no container process is running', 'run the step that starts the container first');
    // /proc/<pid>/root is the process's root directory, followed in its own mount namespace: the
    // container's overlay, though the host never mounted it where it can see it.
    const hostPath = `/proc/${pid}/root${path}`;
    const openArgs = ['AT_FDCWD', quote(hostPath), 'O_WRONLY|O_CREAT|O_APPEND', '0644'];
    const started = performance.now();
    let fd: number;
    try {
      fd = openSync(hostPath, 'a', 0o644);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? 'EIO';
      ctx.sys.record('openat', openArgs, -1, code);
      throw new LabError(`could not create ${path} in the container: ${code}`, 'does its parent directory exist in the image?');
    }
    ctx.sys.record('openat', openArgs, fd, undefined, performance.now() - started);
    closeSync(fd);
    ctx.sys.record('close', [String(fd)], 0);
    const out = [`${hostPath}: created, the container's ${path}`];
    const waitStart = performance.now();
    while (running(ctx, pid) && performance.now() - waitStart < WAIT_MS) await new Promise((r) => setTimeout(r, 10));
    out.push(running(ctx, pid) ? `PID ${pid} still runs ${WAIT_MS / 1000} s later` : `PID ${pid} exited ${Math.round(performance.now() - waitStart)} ms later`);
    return outcome(ctx.sys.drain(), out);
  },
});
