// The one interface lessons use for a cgroup's limits and counters, whether the host runs cgroup v1 or v2.
import type { CgroupFile } from '../types.js';

/** The controllers the lessons use; v1 may mount cpu and cpuacct apart, v2 has no cpuacct. */
export type Controller = 'memory' | 'cpu' | 'cpuacct' | 'pids';

export interface MemoryState {
  /** bytes; null = no limit */
  limit: number | null;
  usage: number;
  /** highest usage the kernel recorded; null when this kernel has no such file */
  peak: number | null;
  oomKills: number;
}

export interface CpuState {
  /** µs of CPU per period; null = no quota */
  quotaUs: number | null;
  periodUs: number;
  /** CPU time used by the cgroup since it was made, µs */
  usageUs: number;
  periods: number;
  throttled: number;
  throttledUs: number;
}

export interface PidsState {
  max: number | null;
  current: number;
  /** forks refused because of pids.max (pids.events "max") */
  refused: number;
}

/**
 * One write of a value to a cgroup interface file. Setting a limit may take several, in an order
 * the kernel accepts; the driver hands them out one at a time, and the caller makes each write
 * before it asks for the next: what comes next may depend on it (on v2, memory.swap.max appears
 * in the leaf only once "+memory" is in its parent's cgroup.subtree_control).
 */
export interface CgroupWrite {
  path: string;
  value: string;
}

export interface CgroupDriver {
  readonly version: 'v1' | 'v2';
  /** the directory holding this controller's files (the same one for all on v2) */
  dir(controller: Controller): string;
  /** the writes that set the memory limit (null: none), swap included */
  memoryLimitWrites(bytes: number | null): Iterable<CgroupWrite>;
  memory(): MemoryState;
  /** the writes that set the CPU quota per period (null quota: none) */
  cpuQuotaWrites(quotaUs: number | null, periodUs: number): Iterable<CgroupWrite>;
  cpu(): CpuState;
  /** the writes that set the most tasks the cgroup may have (null: no limit) */
  pidsMaxWrites(max: number | null): Iterable<CgroupWrite>;
  pids(): PidsState;
  /** PIDs in the container's cgroup (every hierarchy, on v1) */
  processes(): number[];
  /** the interface files that exist here, under their real names, for the panel */
  describeFiles(): CgroupFile[];
}

/** What a hog step measured, kept for the checks that follow it. */
export interface HogRun {
  kind: 'memory' | 'cpu' | 'forks';
  /** host PID of the hog */
  pid: number | null;
  status: number | null;
  signal: string | null;
  /** ms since the epoch, around the run as the helper saw it */
  startedAt: number;
  endedAt: number;
  /** the cgroup counter the helper sampled while it ran: memory usage (bytes) or pids.current */
  samples: number[];
  /** cgroup CPU usage (µs) read just before the hog started */
  cpuBeforeUs: number;
  /** the hog's own output */
  stdout: string[];
}
