// Which cgroup driver the chain lessons' runc, containerd and dockerd use on this host, and the cgroup names that follow from it.
import type { CgroupHierarchies } from '../cgroup/session.js';
import { SLICE_PREFIX } from '../cgroup/names.js';

/*
 * systemd: pure cgroup v2 with systemd as PID 1 (the attendees' Ubuntu, Debian, Fedora). systemd
 * owns the tree, so the containers' cgroups are units it makes: the lab names a slice of its own,
 * and runc (--systemd-cgroup; containerd's shim option SystemdCgroup; dockerd's
 * native.cgroupdriver=systemd) asks systemd over D-Bus for a scope in it per container
 * (StartTransientUnit, Delegate=yes; runc's libcontainer/cgroups/systemd/v2.go).
 * cgroupfs: everywhere else (v1, hybrid, v2 without systemd): runc makes the directories itself.
 *
 * A slice's name is its place in the tree: each "-" goes one level down (systemd.slice(5);
 * runc's ExpandSlice), so `container-lab-<id>.slice` would live in `container.slice` and
 * `container-lab.slice`, two units systemd would make and keep. The lab escapes its dashes
 * (`\x2d`, systemd-escape(1)): `container\x2dlab\x2d<id>\x2ddocker.slice` sits at the top and is
 * the only unit the lab adds; its cgroup directory has the same name.
 */
export type ChainCgroupDriver = 'systemd' | 'cgroupfs';

export function chainCgroupDriver(h: Pick<CgroupHierarchies, 'mode' | 'systemd'>): ChainCgroupDriver {
  return h.mode === 'v2' && h.systemd ? 'systemd' : 'cgroupfs';
}

/** systemd-escape(1) for the lab's names (letters, digits and dashes): each "-" becomes `\x2d`. */
export function escapeUnitName(name: string): string {
  return name.replaceAll('-', '\\x2d');
}

/** A lab slice's unit name, from the lab's name for it (container-lab-<session>-docker). */
export function labSlice(name: string): string {
  return escapeUnitName(name) + '.slice';
}


/**
 * The cgroup parent of a chain lesson's containers, as a directory name below each hierarchy's
 * root: the lab's slice with the systemd driver, a plain directory with cgroupfs.
 */
export function chainCgroupParent(name: string, driver: ChainCgroupDriver): string {
  return driver === 'systemd' ? labSlice(name) : name;
}

/** What runc and ctr are told (config.json linux.cgroupsPath, `ctr run --cgroup`), and the directory it makes. */
export interface ContainerCgroup {
  /** cgroupfs: /<parent>/<id>; systemd: "<slice>:<prefix>:<id>" (runc's slice:prefix:name) */
  path: string;
  /** the container's cgroup directory below a hierarchy's root ("/<parent>/…") */
  dir: string;
}

/** The scope prefix runc gets for the lab's own containers (docker's is always "docker"). */
export const SCOPE_PREFIX = 'container-lab';

export function containerCgroup(parent: string, id: string, driver: ChainCgroupDriver): ContainerCgroup {
  if (driver === 'systemd') return { path: `${parent}:${SCOPE_PREFIX}:${id}`, dir: `/${parent}/${SCOPE_PREFIX}-${id}.scope` };
  return { path: `/${parent}/${id}`, dir: `/${parent}/${id}` };
}

/** A cgroupsPath the lab wrote: under a /container-lab- directory, or in a lab slice. */
export function isLabCgroupsPath(path: string): boolean {
  const slice = path.split(':')[0];
  return path.startsWith('/container-lab-') || (path.includes(':') && slice.startsWith(SLICE_PREFIX) && slice.endsWith('.slice'));
}

/** runc's global flag for the systemd driver (runc(8) --systemd-cgroup); none for cgroupfs. */
export function runcDriverFlags(driver: ChainCgroupDriver): string[] {
  return driver === 'systemd' ? ['--systemd-cgroup'] : [];
}

/** dockerd's driver and parent: containers in `<slice>/docker-<id>.scope`, or `/<parent>/<id>`. */
export function dockerdCgroupArgs(parent: string, driver: ChainCgroupDriver): string[] {
  return driver === 'systemd'
    ? ['--exec-opt', 'native.cgroupdriver=systemd', '--cgroup-parent', parent]
    : ['--exec-opt', 'native.cgroupdriver=cgroupfs', '--cgroup-parent', '/' + parent];
}
