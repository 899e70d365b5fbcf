// The container's server: busybox httpd from the image, in the container's namespaces and root.
import * as z from 'zod';
import { defineAction, program, outcome } from '../steps/define.js';
import { join } from 'node:path';
import { builderCall } from './builderCall.js';
import { dockerRun, requireMerged } from './dockerRunState.js';
import { requireLayers } from './layersState.js';
import { LabError } from '../errors.js';
import { type RunResult, waitUntil, listening } from './dockerRunUtil.js';

export const startServer = defineAction({
  name: 'start-server',
  params: z.strictObject({ port: z.number().int().min(1).max(65535).default(80), dir: z.string().regex(/^\/[A-Za-z0-9._\/-]*$/) }),
  doc: 'The container\'s server: the container process runs a shell that chroot(8)s into the container\'s root and '
    + 'starts the image\'s own busybox httpd in the background (httpd -f -p <port> -h <dir>), so it runs in the '
    + 'container\'s namespaces and root and stays there after the shell exits. The step waits until the port is '
    + 'listening in the container\'s network namespace (proc(5) /proc/<pid>/net/tcp, tcp6). It fails with a hint '
    + 'when the image\'s bottom layer has no busybox with an httpd applet. It needs the container\'s own network '
    + 'namespace: httpd listens on every address of the namespace it is in, which must never be the host\'s.',
  host: {
    effect: 'starts busybox httpd as root in the container\'s root, on port {port} of the container\'s own network namespace (never the host\'s), serving {dir}',
    untrusted: 'allowed',
  },
  performs: [program('busybox httpd', 'busybox(1)'), program('chroot', 'chroot(8)')],
  needs: ['overlay c1', 'own net namespace'],
  provides: ['server'],
  run: async (ctx, { port, dir }) => {
    const merged = requireMerged(ctx);
    const base = requireLayers(ctx).layerDirs[0];
    if (!base || !ctx.sys.exists(join(base, 'bin/busybox'))) {
      throw new LabError('the image has no busybox, so no httpd to serve with', 'install busybox-static (e.g. sudo apt-get install busybox-static) and run the lesson again: the lab image is rebuilt from it');
    }
    const hasApplet = ['bin', 'sbin', 'usr/bin', 'usr/sbin'].some((d) => {
      try {
        return ctx.sys.lstat(join(base, d, 'httpd')).isSymbolicLink;
      } catch {
        return false;
      }
    });
    if (!hasApplet) throw new LabError('this busybox has no httpd applet', 'install a busybox with httpd (Debian: busybox-static) and rebuild the image');
    // The shell runs in the container's namespaces (a child of the container process); httpd -f
    // stays in the foreground of its own, orphaned to the container's PID 1 when the shell exits.
    const command = ['/bin/sh', '-c', `chroot ${merged} /bin/busybox httpd -f -p ${port} -h ${dir} </dev/null >/dev/null 2>&1 &`];
    const result = await builderCall<RunResult>(ctx, 'run', { command });
    if (result.status !== 0) throw new LabError(`starting httpd failed: ${result.stderr.trim()}`, undefined, undefined, result.log);
    const up = await waitUntil(() => listening(ctx.sys, ctx.builder.pid, port), 3000);
    if (!up) throw new LabError(`httpd does not listen on port ${port} inside the container`, undefined, undefined, result.log);
    const state = dockerRun(ctx);
    state.server = { port, dir };
    const net = state.network;
    return outcome(result.log, [
      `httpd listens on port ${port} inside the container${net ? ` (${net.containerAddr}:${port})` : ''}, serving ${dir}`,
    ]);
  },
});
