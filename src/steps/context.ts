// What a step works with: the session, the kernel seam, the container process, and what the lab has made so far.
import type { CgroupHierarchies } from '../cgroup/session.js';
import type { Sys } from '../sys/types.js';
import type { Slots } from './slots.js';

/** The session's private scratch directory (0700), named session-<id> under the state dir. */
export interface SessionDir {
  id: string;
  dir: string;
}

/**
 * The container process (the "builder", src/helper/builder.ts): it unshares its own namespaces
 * step by step; an action asks it for kernel work by method name over JSON-lines RPC.
 */
export interface ContainerProcess {
  pid: number;
  rpc: {
    call<T>(method: string, params?: unknown): Promise<T>;
    readonly closed: boolean;
  };
}

export interface LabContext {
  session: SessionDir;
  /** true when the helper is not root: the builder then lives in a user namespace of its own */
  rootless: boolean;
  /** every kernel call, kernel-file access and program run the helper makes for a step */
  sys: Sys;
  builder: ContainerProcess;
  /** per-lesson-family state, each with the teardown it registered when made */
  slots: Slots;
  cgroups: CgroupHierarchies;
  /** the session's cgroup directories, once made */
  cgroupDirs: string[];
  /** the container's PID 1 (host PID), once started */
  initPid: number | null;
  /** the host's hostname when the session opened */
  hostHostname: string;
  /** stdout of the last step's programs, for output checks: set by the lab from the step's outcome */
  lastOutput: string[];
}
