// The crash guard: a process of its own that cleans up the private daemons when the helper dies without doing so.
//   runs as:    root (the helper, in the chain lessons)
//   namespaces: the host's
//   started by: the helper: startReaper() in src/chain/reaperClient.ts (detached: a session of
//               its own; stdin a pipe), once, from src/actions/startDaemons.ts or runcUtil.ts
//   ends when:  its stdin closes, i.e. the helper has exited, normally or not: it first cleans
//               every daemon directory still watched (cleanupDaemons()); no PR_SET_PDEATHSIG, on purpose
import { createInterface } from 'node:readline';
import { cleanupDaemons } from '../chain/daemonCleanup.js';

/*
 * The helper starts this detached (a session of its own, so a signal to the app's process group
 * does not reach it) with a pipe on stdin, and writes `watch <cgroup-parent> <dir>` when it starts
 * daemons and `release <dir>` when it has stopped them itself. When stdin ends and directories are
 * still watched, the helper is gone (crash, SIGKILL): the shims, which outlive containerd by design,
 * and everything else the daemons made would stay; this ends them.
 */
/** dir → the cgroup parents made for it (the daemons' and runc's can share one session dir) */
const watched = new Map<string, Set<string>>();

const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const [verb, a, ...rest] = line.split(' ');
  if (verb === 'watch' && a && rest.length > 0) {
    const dir = rest.join(' ');
    watched.set(dir, (watched.get(dir) ?? new Set()).add(a));
  }
  if (verb === 'release' && a) watched.delete([a, ...rest].join(' '));
});
lines.on('close', () => {
  void (async () => {
    for (const [dir, cgroupParents] of watched) for (const cgroupParent of cgroupParents) {
      try {
        await cleanupDaemons(dir, cgroupParent, [process.pid]);
      } catch {
        // the next start's sweep tries again
      }
    }
    process.exit(0);
  })();
});
