// A second process in runc's container, as `runc exec` puts it there: the init's namespaces and its cgroups, read from /proc.
import * as z from 'zod';
import { defineCheck, pass, fail } from '../steps/define.js';
import type { Sys } from '../sys/types.js';
import { askRunc, commOf, layoutOf, readProc, stateLetter } from '../actions/runcUtil.js';
import { nsPid } from '../chain/procRead.js';

/** The namespaces runc exec joins (setns(2)) that the default spec makes new; user and time are the host's there. */
const JOINED = ['pid', 'mnt', 'uts', 'ipc', 'net'] as const;

export function nsLink(sys: Sys, pid: number, ns: string): string | null {
  try {
    return sys.readlink(`/proc/${pid}/ns/${ns}`);
  } catch {
    return null;
  }
}

export const runcExecJoined = defineCheck({
  name: 'runc-exec-joined',
  params: z.strictObject({ comm: z.string().min(1).optional() }),
  doc: 'Besides the init of runc\'s container (its PID from `runc state`, run by the check), a live process has the '
    + 'same pid, mnt, uts, ipc and net namespaces (the /proc/<pid>/ns links name the same inodes) and the same '
    + 'cgroups (/proc/<pid>/cgroup is the init\'s, line for line): what `runc exec` makes, setns(2) into each '
    + 'namespace and a write to cgroup.procs. nsenter(1) alone joins the namespaces but leaves the cgroup, and '
    + 'fails it. With `comm`, that process\'s comm must be it.',
  reads: ['`runc state` (run by the check)', '/proc/<pid>/ns/{pid,mnt,uts,ipc,net}', '/proc/<pid>/cgroup', '/proc/<pid>/status NSpid', '/proc/<pid>/comm'],
  run: (ctx, { comm }) => {
    const { sys } = ctx;
    const l = layoutOf(ctx);
    const { state: s, stderr } = askRunc(sys, l);
    if (!s) return fail(`runc state ${l.id}: ${stderr || 'failed'}`);
    if (s.status !== 'running' || !s.pid) return fail(`runc state says ${s.status}: runc exec needs a running container`);
    const init = s.pid;
    const want = JOINED.map((ns) => nsLink(sys, init, ns));
    const cgroup = readProc(sys, `/proc/${init}/cgroup`);
    const inside = sys.readdir('/proc')
      .filter((n) => /^\d+$/.test(n) && Number(n) !== init)
      .map(Number)
      .filter((pid) => nsLink(sys, pid, 'pid') === want[0] && !['Z', 'X', null].includes(stateLetter(sys, pid)));
    if (inside.length === 0) return fail(`only the init, PID ${init}, is in the container's PID namespace ${want[0]}`);
    const described: string[] = [];
    for (const pid of inside) {
      const name = commOf(sys, pid);
      const other = JOINED.find((ns, i) => nsLink(sys, pid, ns) !== want[i]);
      const sameCgroup = readProc(sys, `/proc/${pid}/cgroup`) === cgroup;
      const ok = !other && sameCgroup && (!comm || name === comm);
      if (ok) return pass(`PID ${pid} ${name} (PID ${nsPid(sys, pid)} inside) shares the init's ${JOINED.join(', ')} namespaces and its cgroups`);
      described.push(`PID ${pid} ${name}: ${other ? `another ${other} namespace` : !sameCgroup ? 'not in the container\'s cgroup' : `comm is not ${comm}`}`);
    }
    return fail(`in the container's PID namespace but not joined as runc exec does: ${described.join('; ')}`);
  },
});
