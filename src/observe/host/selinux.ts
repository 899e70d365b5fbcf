// SELinux's mode, from selinuxfs: enforcing denies what its policy does not allow, and a denial reaches the program as EACCES.
import type { HostFiles } from './hostFiles.js';

export type SelinuxMode = 'enforcing' | 'permissive' | 'off';

/** /sys/fs/selinux/enforce holds 1 when enforcing, 0 when permissive; no file, no SELinux (selinuxfs, getenforce(8)). */
export function selinuxMode(files: HostFiles): SelinuxMode {
  const value = files.read('sys/fs/selinux/enforce')?.trim();
  if (value === '1') return 'enforcing';
  return value === '0' ? 'permissive' : 'off';
}
