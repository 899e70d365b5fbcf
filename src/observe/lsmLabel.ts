// A process's LSM label (AppArmor profile, SELinux context) from /proc/<pid>/attr/current; EINVAL there means no LSM labels processes.
import type { Sys } from '../sys/types.js';

export type LsmLabel = { label: string } | { none: string };

export function lsmLabel(sys: Sys, pid: number | 'self'): LsmLabel {
  const path = `/proc/${pid}/attr/current`;
  try {
    // SELinux ends the context with a NUL, AppArmor with a newline
    return { label: sys.readFile(path).replace(/\0/g, '').trim() };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EINVAL') throw error;
    return { none: `${path} answers EINVAL: no LSM on this host gives processes a label (no AppArmor, no SELinux)` };
  }
}
