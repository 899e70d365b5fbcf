// What a recording says of the host it was made on: date, kernel, architecture, cgroup layout, app version (Linux only: read at record time).
import { machine, release } from 'node:os';
import { cgroupHierarchies, type CgroupHierarchies } from '../cgroup/session.js';
import { packageVersion } from '../sys/packageRoot.js';
import type { RecordingMeta } from './format.js';

/** The cgroup layout in the banner's words: "v2 (systemd)", "v2", "v1 hybrid", "v1" or "none". */
export function cgroupLayoutWords(h: Pick<CgroupHierarchies, 'mode' | 'systemd'>): string {
  if (h.mode === 'v2') return h.systemd ? 'v2 (systemd)' : 'v2';
  if (h.mode === 'hybrid') return 'v1 hybrid';
  return h.mode;
}

export function hostFacts(date = new Date()): RecordingMeta {
  let cgroup = 'unknown';
  try {
    cgroup = cgroupLayoutWords(cgroupHierarchies());
  } catch {
    // no /proc to read: the recording says so rather than failing
  }
  return { app: packageVersion(), date: date.toISOString(), kernel: release(), arch: machine(), cgroup };
}
