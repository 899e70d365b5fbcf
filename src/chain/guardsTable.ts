// The processes of a container's PID namespace side by side, as /proc shows them: parent, cgroup, CapEff, Seccomp.
import type { Sys } from '../sys/types.js';
import { liveProcs, readProc } from './procRead.js';
import { readGuards } from './procGuards.js';

function link(sys: Sys, path: string): string | null {
  try {
    return sys.readlink(path);
  } catch {
    return null;
  }
}

function cgroupOf(sys: Sys, pid: number): string {
  try {
    return sys.readFile(`/proc/${pid}/cgroup`);
  } catch {
    return '';
  }
}

/** One line per live process in the PID namespace of `init`: how far each is in the container. */
export function guardsTable(sys: Sys, init: number): string[] {
  const pidNs = link(sys, `/proc/${init}/ns/pid`);
  const initCgroup = cgroupOf(sys, init);
  // PID 1 first, then what came in from outside (docker exec, nsenter), then PID 1's own children
  const rank = (p: { pid: number; ppid: number }) => (p.pid === init ? 0 : p.ppid === init ? 2 : 1);
  const inside = liveProcs(sys).filter((p) => link(sys, `/proc/${p.pid}/ns/pid`) === pidNs).sort((a, b) => rank(a) - rank(b) || a.pid - b.pid);
  const rows = inside.map((p) => {
    const g = readGuards(sys, p.pid);
    const parent = readProc(sys, p.ppid)?.comm ?? '?';
    const cgroup = p.pid === init ? 'its own' : cgroupOf(sys, p.pid) === initCgroup ? 'PID 1\'s' : 'another';
    return [String(p.pid), String(g?.nsPids.at(-1) ?? '?'), p.cmdline.slice(0, 18), parent.slice(0, 16), cgroup, g?.capEff ?? '?', String(g?.seccomp ?? '?')];
  });
  const head = ['PID', 'in', 'command', 'parent', 'cgroup', 'CapEff', 'Seccomp'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  return [head, ...rows].map((r) => r.map((c, i) => c.padEnd(widths[i])).join(' ').trimEnd());
}
