// Reads from the host's /proc what runc left a docker container's PID 1 allowed: its status lines (capabilities, NoNewPrivs, seccomp) or its masked and read-only paths.
import * as z from 'zod';
import { defineAction, kernelFile, program, outcome } from '../steps/define.js';
import { requireDaemons } from './chainUtil.js';
import { containerPid } from './docker.js';
import { capabilityLines } from '../observe/interpret/capabilitiesReading.js';
import { statusValue } from '../observe/parse/capabilities.js';
import { parseMountinfo } from '../observe/parse/mountinfo.js';
import type { MountEntry } from '../types.js';
import { LabError } from '../errors.js';
import type { Sys } from '../sys/types.js';

/** /dev/null: character device 1:3 (devices.txt). */
const DEV_NULL_RDEV = (1 << 8) | 3;

/** The status lines after the capability sets: what no_new_privs and seccomp say. */
function statusLines(status: string): string[] {
  const values = ['NoNewPrivs', 'Seccomp', 'Seccomp_filters'].map((f) => `${f} ${statusValue(status, f) ?? '(no such line here)'}`);
  return [...capabilityLines(status), values.join(', ')];
}

/** How a mount under /proc or /sys hides or freezes its path, or null for an ordinary one. */
function howConfined(sys: Sys, pid: number, m: MountEntry): string | null {
  let rdev = -1;
  try {
    const st = sys.stat(`/proc/${pid}/root${m.mountPoint}`);
    if (st.isCharacterDevice) rdev = st.rdev;
  } catch {
    // gone while we looked: reported by its mount alone
  }
  const ro = m.mountOptions.split(',').includes('ro');
  if (rdev === DEV_NULL_RDEV) return 'masked: /dev/null bound over it';
  if (m.fsType === 'tmpfs' && ro) return 'masked: an empty read-only tmpfs';
  return ro ? 'read-only' : null;
}

/** Each path under /proc and /sys (its cgroup mounts aside) that PID 1's last mount there masks or makes read-only. */
function mountLines(sys: Sys, pid: number): string[] {
  const last = new Map<string, MountEntry>();
  for (const m of parseMountinfo(sys.readFile(`/proc/${pid}/mountinfo`))) last.set(m.mountPoint, m);
  const under = [...last.values()].filter((m) => /^\/(proc|sys)\//.test(m.mountPoint) && !m.mountPoint.startsWith('/sys/fs/cgroup'));
  const rows = under.flatMap((m) => {
    const how = howConfined(sys, pid, m);
    return how ? [{ path: m.mountPoint, mount: `${m.fsType} ${m.root} ${m.mountOptions.split(',')[0]}`, how }] : [];
  });
  if (!rows.length) return ['no path under /proc or /sys is masked or read-only'];
  const w = Math.max(...rows.map((r) => r.path.length));
  const m = Math.max(...rows.map((r) => r.mount.length));
  return rows.sort((a, b) => a.how.localeCompare(b.how) || a.path.localeCompare(b.path))
    .map((r) => `${r.path.padEnd(w)}  ${r.mount.padEnd(m)}  ${r.how}`);
}

export const showConfinement = defineAction({
  name: 'show-confinement',
  params: z.strictObject({
    name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/).max(64),
    read: z.enum(['status', 'mountinfo']),
  }),
  doc: 'The helper finds the first process of docker container `name` on the lab\'s dockerd (`docker inspect` '
    + 'State.Pid) and reads, from the host\'s /proc, what runc left it allowed. read: status decodes its capability '
    + 'sets from /proc/<pid>/status by name (mask and count of each, the effective set by name, the bounding set '
    + 'against Docker\'s default 14) and shows NoNewPrivs, Seccomp and Seccomp_filters. read: mountinfo lists each '
    + 'path under /proc and /sys (the cgroup mounts aside) whose last mount in /proc/<pid>/mountinfo masks it (a '
    + 'file that is the character device 1:3 through /proc/<pid>/root: /dev/null bound over it; a directory under an '
    + 'empty read-only tmpfs) or makes it read-only, with that mount\'s type, root and first option. Nothing is changed.',
  host: { effect: 'reads /proc/<PID>/status or mountinfo of docker container {name}\'s first process', untrusted: 'allowed' },
  performs: [program('docker inspect', 'docker-inspect(1)'), kernelFile('/proc/<pid>/status', 'proc(5)'), kernelFile('/proc/<pid>/mountinfo', 'proc(5)')],
  needs: ['docker daemon'],
  run: async (ctx, { name, read }) => {
    const d = requireDaemons(ctx, { docker: true });
    const pid = await containerPid(d, name);
    if (!pid) throw new LabError(`docker container ${name} is not running`, 'run the step that starts it first');
    const lines = read === 'status'
      ? statusLines(ctx.sys.readFile(`/proc/${pid}/status`))
      : mountLines(ctx.sys, pid);
    return outcome(ctx.sys.drain(), [`${name}'s PID 1 is host PID ${pid}; /proc/${pid}/${read}:`, ...lines]);
  },
});
