// The lab's cgroup directories, one per session, behind one interface for cgroup v1, hybrid and v2.
import { existsSync, readdirSync, readFileSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseMountinfo } from '../observe/parse/mountinfo.js';
import { detectCgroupLayout } from '../observe/parse/cgroupLayout.js';
import { V2_LEAF } from './names.js';
import { realSys } from '../sys/real.js';
import type { Sys } from '../sys/types.js';

export const CGROUP_PREFIX = 'container-lab-';

export interface CgroupHierarchies {
  mode: 'v1' | 'v2' | 'hybrid' | 'none';
  /** the mount points the lab makes its directories in: one on v2, one per v1 hierarchy */
  roots: string[];
  /** the cgroup2 mount among roots, if any */
  v2Root: string | null;
}

/**
 * Where cgroups are mounted here. On v1 and hybrid hosts every controller has its own
 * hierarchy (cgroups(7)); the lab skips named hierarchies such as name=systemd, which
 * belong to the init system.
 */
export function cgroupHierarchies(root = '/'): CgroupHierarchies {
  const mountinfo = parseMountinfo(readFileSync(join(root, 'proc/self/mountinfo'), 'utf8'));
  const layout = detectCgroupLayout(mountinfo);
  const roots = new Set<string>();
  for (const [controller, mountPoint] of Object.entries(layout.v1Mounts)) {
    if (!controller.startsWith('name=')) roots.add(mountPoint);
  }
  if (layout.v2Mount) roots.add(layout.v2Mount);
  return { mode: layout.mode, roots: [...roots].map((r) => join(root, r)), v2Root: layout.v2Mount ? join(root, layout.v2Mount) : null };
}

export function sessionCgroupName(sessionId: string): string {
  return CGROUP_PREFIX + sessionId;
}

/**
 * Creates the session's directory in every hierarchy; returns the directories processes go in.
 * On cgroup2 that is a leaf below it, so the lab's own directory can enable controllers for the
 * leaf without breaking the "no internal processes" rule (see src/cgroup/v2.ts).
 */
export function createSessionCgroups(h: CgroupHierarchies, sessionId: string, sys: Sys = realSys): string[] {
  const made: string[] = [];
  for (const r of h.roots) {
    const dir = join(r, sessionCgroupName(sessionId));
    if (!existsSync(dir)) sys.mkdir(dir);
    if (r === h.v2Root) {
      const leaf = join(dir, V2_LEAF);
      if (!existsSync(leaf)) sys.mkdir(leaf);
      made.push(leaf);
    } else {
      made.push(dir);
      inheritCpusetV1(r, dir, sys);
    }
  }
  return made;
}

/**
 * cgroup v1 cpuset starts a new group with empty cpuset.cpus and cpuset.mems, and refuses tasks
 * (ENOSPC) until both are set (cpusets(7)); the lab copies the parent's. v2 has no such rule.
 */
function inheritCpusetV1(parent: string, dir: string, sys: Sys): void {
  for (const name of ['cpuset.cpus', 'cpuset.mems']) {
    const file = join(dir, name);
    if (!existsSync(file) || readFileSync(file, 'utf8').trim() !== '') continue;
    sys.writeFile(file, readFileSync(join(parent, name), 'utf8').trim());
  }
}

/** Moves a process in: one write of its PID to cgroup.procs in each directory. */
export function joinCgroups(dirs: string[], pid: number, sys: Sys = realSys): void {
  for (const dir of dirs) sys.writeFile(join(dir, 'cgroup.procs'), String(pid));
}

function procsIn(dir: string): number[] {
  try {
    return readFileSync(join(dir, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/**
 * Removes a lab cgroup directory: its processes are the lab's own (nothing else is ever put
 * there), so they are killed by PID first; rmdir(2) fails with EBUSY while any remain.
 */
export async function removeCgroupDir(dir: string, logged = false, timeoutMs = 2000): Promise<boolean> {
  if (!existsSync(dir)) return true;
  // rmdir(2) of a cgroup with child cgroups fails with EBUSY too: children first.
  for (const child of childCgroups(dir)) await removeCgroupDir(child, logged, timeoutMs);
  for (const pid of procsIn(dir)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone already
    }
  }
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (logged) realSys.rmdir(dir);
      else rmdirSync(dir);
      return true;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return true;
      if (code !== 'EBUSY' || Date.now() > deadline) return false;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

function childCgroups(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => join(dir, e.name));
  } catch {
    return [];
  }
}

/** True when a process is left in the directory or any cgroup below it. */
export function cgroupHasProcesses(dir: string): boolean {
  return procsIn(dir).length > 0 || childCgroups(dir).some(cgroupHasProcesses);
}

/** Every lab cgroup directory on this host, live or left over. */
export function listLabCgroups(h: CgroupHierarchies): string[] {
  const out: string[] = [];
  for (const r of h.roots) {
    try {
      for (const name of readdirSync(r)) if (name.startsWith(CGROUP_PREFIX)) out.push(join(r, name));
    } catch {
      // hierarchy not readable
    }
  }
  return out;
}
