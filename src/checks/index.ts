// The check registry: lesson check kinds → the function that reads the kernel to decide.
import type { Check } from './types.js';
import type { CheckKind } from '../lesson/vocabulary.js';
import { nsDiffers, nsSame } from './namespaceChecks.js';
import { hostnameInside, hostHostnameUnchanged, sameKernel, uidMapped } from './identityChecks.js';
import { initPidInside, initVisibleFromHost, procListsOnlyContainer } from './processChecks.js';
import { mountInvisibleOnHost, mountsPrivate } from './mountChecks.js';
import { links } from './networkChecks.js';
import { cgroupRootInside, outputMatches } from './cgroupChecks.js';

export const checks: Record<CheckKind, Check> = {
  'ns-differs': nsDiffers,
  'ns-same': nsSame,
  'hostname-inside': hostnameInside,
  'host-hostname-unchanged': hostHostnameUnchanged,
  'init-pid-inside': initPidInside,
  'init-visible-from-host': initVisibleFromHost,
  'proc-lists-only-container': procListsOnlyContainer,
  'mount-invisible-on-host': mountInvisibleOnHost,
  'mounts-private': mountsPrivate,
  links,
  'same-kernel': sameKernel,
  'output-matches': outputMatches,
  'cgroup-root-inside': cgroupRootInside,
  'uid-mapped': uidMapped,
};

/** "ns-differs uts" — how a check is named on screen. */
export function checkLabel(kind: string, params: Record<string, unknown>): string {
  const values = Object.values(params).map((v) => (Array.isArray(v) ? v.join(',') : String(v)));
  return [kind, ...values].join(' ');
}
