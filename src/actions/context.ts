// What an action works with: the session, the container process, and what the lab has made so far.
import type { BuilderHandle } from '../helper/builderProcess.js';
import type { CgroupHierarchies } from '../helper/cgroups.js';
import type { SessionDir } from '../helper/stateDir.js';
import type { SyscallEntry } from '../types.js';
import type { HogRun } from '../cgroup/types.js';
import type { LayersState } from './layersState.js';
import type { DockerRunState } from './dockerRunState.js';
import type { ChainState } from './chainState.js';

export interface LabContext {
  session: SessionDir;
  /** true when the helper is not root: the builder then lives in a user namespace of its own */
  rootless: boolean;
  builder: BuilderHandle;
  cgroups: CgroupHierarchies;
  /** the session's cgroup directories, once made */
  cgroupDirs: string[];
  /** the container's PID 1 (host PID), once started */
  initPid: number | null;
  /** the process started in a new user namespace, once started */
  userPid: number | null;
  /** the process that chroot(2)ed into the rootfs (host PID), once started */
  chrootPid: number | null;
  /** the process that pivot_root(2)ed into the rootfs in a mount namespace of its own, once started */
  pivotPid: number | null;
  /** the container-by-hand lesson's PID 1: the overlay it pivoted into, and whether it has exec'd its program */
  container?: { merged?: string; execed: boolean };
  /** the host's hostname when the session opened */
  hostHostname: string;
  /** output of the last step's programs, for output checks */
  lastOutput: string[];
  /** what the last cgroup hog step measured, for the checks after it */
  lastHog?: HogRun;
  /** the layers lesson's unpacked layers, overlay mounts and commit, once made */
  layers?: LayersState;
  /** the docker-run lesson's name and id, volume, lab network and forwarder, once made */
  dockerRun?: DockerRunState;
  /** the chain lessons' private daemons, API proxy, containers and panel view, once made */
  chain?: ChainState;
}

export interface ActionOutcome {
  log: SyscallEntry[];
  output: string[];
}

export type Action<P = any> = (ctx: LabContext, params: P) => Promise<ActionOutcome>;
