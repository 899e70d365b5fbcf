// Whether systemd has delegated a cgroup v2 subtree to this user: user@UID.service owned by the user, with the controllers the lessons limit.
import { join } from 'node:path';
import type { HostFiles } from './hostFiles.js';
import { parseMountinfo } from '../parse/mountinfo.js';
import { detectCgroupLayout, type CgroupMode } from '../parse/cgroupLayout.js';
import { asRoot, type RootVia } from './asRoot.js';

/** The controllers the cgroups lesson writes limits for (memory.max, cpu.max, pids.max). */
export const LESSON_CONTROLLERS = ['cpu', 'memory', 'pids'];

export type Delegation =
  | { state: 'delegated'; dir: string; controllers: string[] }
  | { state: 'missing'; dir: string | null; why: string; fix: string };

/*
 * cgroup v2 delegation (Documentation/admin-guide/cgroup-v2.rst, "Delegation"): a user may make
 * cgroups and move its processes in a directory whose cgroup.procs and cgroup.subtree_control it
 * owns. systemd gives user@UID.service to the user (Delegate=, systemd.resource-control(5)); the
 * controllers it passes down are what that directory's cgroup.controllers lists. On v1 and hybrid
 * hosts the controllers live in v1 hierarchies, which systemd never delegates to users.
 */
export function delegation(files: HostFiles, uid: number, via: RootVia): Delegation {
  const layout = detectCgroupLayout(parseMountinfo(files.read('proc/self/mountinfo') ?? ''));
  if (layout.mode !== 'v2' || layout.v2Mount === null) return notV2(layout.mode);
  const dir = join(layout.v2Mount, `user.slice/user-${uid}.slice/user@${uid}.service`);
  const owner = files.owner(dir);
  if (owner === null) {
    return {
      state: 'missing', dir, why: `there is no ${dir}: systemd runs no user manager for uid ${uid}`,
      fix: `log in to a session of your own (a desktop or ssh login), or keep your manager running: ${asRoot(`loginctl enable-linger ${uid}`, via)}`,
    };
  }
  const procs = files.owner(join(dir, 'cgroup.procs'));
  if (owner !== uid || procs !== uid) {
    const whose = owner !== uid ? `${dir} is owned by uid ${owner}` : `its cgroup.procs is owned by uid ${procs ?? '(missing)'}`;
    return { state: 'missing', dir, why: `${whose}, not ${uid}: nothing is delegated to uid ${uid}`, fix: dropInFix(via) };
  }
  const controllers = (files.read(join(dir, 'cgroup.controllers')) ?? '').trim().split(/\s+/).filter(Boolean);
  const lacking = LESSON_CONTROLLERS.filter((c) => !controllers.includes(c));
  if (lacking.length > 0) {
    return { state: 'missing', dir, why: `systemd delegates ${controllers.join(' ') || 'no controllers'} to ${dir}, not ${lacking.join(' ')}`, fix: dropInFix(via) };
  }
  return { state: 'delegated', dir, controllers };
}

function notV2(mode: CgroupMode): Delegation {
  const why = mode === 'none' ? 'no cgroup file system is mounted' : `cgroups here are ${mode === 'hybrid' ? 'hybrid: the controllers are in v1 hierarchies' : 'v1'}, which systemd never delegates to a user`;
  return { state: 'missing', dir: null, why, fix: 'boot with systemd.unified_cgroup_hierarchy=1 on the kernel command line (pure cgroup v2), or run the cgroup lessons as root' };
}

/** systemd.resource-control(5): Delegate= in a drop-in for user@.service; it applies from the next login. */
function dropInFix(via: RootVia): string {
  const who = via === 'root' ? '' : via === 'sudo' ? 'with sudo, ' : 'as root (su -), ';
  return `${who}create /etc/systemd/system/user@.service.d/delegate.conf with the two lines "[Service]" and "Delegate=${LESSON_CONTROLLERS.join(' ')}", `
    + `run ${asRoot('systemctl daemon-reload', via)}, then log out and in again`;
}
