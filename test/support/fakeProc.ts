// A /proc made of map entries on a RecordingSys: processes (stat, cmdline, status) and their fds (fd links, fdinfo flags).
import type { RecordingSys } from './recordingSys.js';

export interface FakeProcess {
  pid: number;
  ppid: number;
  comm: string;
  /** proc(5) stat field 3; S unless told */
  state?: string;
  /** the arguments; [comm] unless told */
  argv?: string[];
  /** NSpid's fields, the host's first; [pid] unless told */
  nsPids?: number[];
}

/** /proc/<pid>/stat, cmdline and status as the kernel writes them. */
export function addProcess(sys: RecordingSys, p: FakeProcess): RecordingSys {
  const dir = `/proc/${p.pid}`;
  sys.files.set(`${dir}/stat`, `${p.pid} (${p.comm}) ${p.state ?? 'S'} ${p.ppid} ${p.pid} ${p.pid} 0 -1 4194560 0 0\n`);
  sys.files.set(`${dir}/cmdline`, (p.argv ?? [p.comm]).join('\0') + '\0');
  sys.files.set(`${dir}/status`, `Name:\t${p.comm}\nPid:\t${p.pid}\nPPid:\t${p.ppid}\nNSpid:\t${(p.nsPids ?? [p.pid]).join('\t')}\n`);
  return sys;
}

/** /proc/<pid>/fd/<n> → target and /proc/<pid>/fdinfo/<n> with its octal flags line. */
export function addFds(sys: RecordingSys, pid: number, fds: Record<number, [target: string, flags: string]>): RecordingSys {
  for (const [fd, [target, flags]] of Object.entries(fds)) {
    sys.links.set(`/proc/${pid}/fd/${fd}`, target);
    sys.files.set(`/proc/${pid}/fdinfo/${fd}`, `pos:\t0\nflags:\t${flags}\nmnt_id:\t15\nino:\t1198674\n`);
  }
  return sys;
}
