// Where the runc-alone lesson keeps its bundle, runc's state and the container's output, and the names it gives them.
import { join } from 'node:path';
import { chainCgroupParent, containerCgroup, runcDriverFlags, type ChainCgroupDriver } from './cgroupDriver.js';

/**
 * Everything under the session dir (/run/container-lab/session-*): runc's --root is not
 * /run/runc, so `runc list` on the host never shows the lab's container. The cgroup parent is
 * named after the lab, like the docker lessons' `container-lab-<session>-docker` (on a systemd v2
 * host, the slice `container\x2dlab\x2d<session>\x2drunc.slice`: cgroupDriver.ts).
 */
export interface RuncLayout {
  dir: string;
  /** runc --root: runc keeps <root>/<id>/state.json and exec.fifo there */
  root: string;
  /** the container's name for runc */
  id: string;
  bundle: string;
  rootfs: string;
  config: string;
  /** runc create --pid-file: the container's init, as a host PID */
  pidFile: string;
  /** the container's stdout and stderr (and runc create's own words) */
  log: string;
  /** a directory name below each hierarchy's root: the lab's slice with the systemd driver */
  cgroupParent: string;
  /** config.json linux.cgroupsPath: /<parent>/<id> (cgroupfs) or <slice>:container-lab:<id> (systemd) */
  cgroupsPath: string;
  /** the container's cgroup directory below each hierarchy's root */
  cgroupDir: string;
  cgroupDriver: ChainCgroupDriver;
}

export function runcLayout(dir: string, sessionId: string, cgroupDriver: ChainCgroupDriver): RuncLayout {
  const id = `cl-${sessionId}`;
  const cgroupParent = chainCgroupParent(`container-lab-${sessionId}-runc`, cgroupDriver);
  const cgroup = containerCgroup(cgroupParent, id, cgroupDriver);
  const bundle = join(dir, 'bundle');
  return {
    dir,
    root: join(dir, 'runc'),
    id,
    bundle,
    rootfs: join(bundle, 'rootfs'),
    config: join(bundle, 'config.json'),
    pidFile: join(dir, 'runc-init.pid'),
    log: join(dir, 'runc-container.log'),
    cgroupParent,
    cgroupsPath: cgroup.path,
    cgroupDir: cgroup.dir,
    cgroupDriver,
  };
}

/** `runc [--systemd-cgroup] --root <root> <args...>`: every runc run names the session dir, so the process panel finds it. */
export function runcArgv(runc: string, l: RuncLayout, args: string[]): string[] {
  return [runc, ...runcDriverFlags(l.cgroupDriver), '--root', l.root, ...args];
}
