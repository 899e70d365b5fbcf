// A process that only holds a network namespace (the lab's bridge, a lab container): init.ts → sleep.
import type { Started, Sys } from '../sys/types.js';
import { programs } from '../sys/paths.js';
import { LabError } from '../errors.js';
import { waitUntil, netnsOf } from './dockerRunUtil.js';

/**
 * A process that holds a network namespace: `unshare --net` (a new one) or `nsenter --net=<path>`
 * (another's), then src/programs/init.ts, which asks for SIGKILL when the helper dies and execs
 * sleep as `argv0`. Resolves once it runs as argv0 in a namespace other than the host's.
 */
export async function startNetnsHolder(sys: Sys, argv0: string, join?: string): Promise<Started> {
  const hostNs = netnsOf(sys, 'self');
  const enter = join ? ['nsenter', `--net=${join}`, '--'] : ['unshare', '--net', '--'];
  const args = [String(process.pid), 'sleep', argv0, 'infinity'];
  let holder: Started;
  try {
    // fd 3: init.js's way to notice that we died before its prctl(PR_SET_PDEATHSIG).
    holder = sys.start([...enter, process.execPath, programs.init, ...args], { parentPipe: true, detached: true, log: [...enter, 'node', 'init.js', ...args] });
  } catch (error) {
    throw new LabError(`could not start ${argv0}: ${(error as Error).message}`, 'install util-linux (unshare, nsenter) on this host', undefined, sys.drain());
  }
  const ready = await waitUntil(() => {
    try {
      return sys.readFile(`/proc/${holder.pid}/cmdline`).startsWith(argv0 + '\0') && netnsOf(sys, holder.pid) !== hostNs;
    } catch {
      return false;
    }
  }, 5000);
  if (!ready) {
    await holder.stop();
    throw new LabError(`${argv0} (host PID ${holder.pid}) did not get a network namespace of its own`, undefined, undefined, sys.drain());
  }
  return holder;
}
