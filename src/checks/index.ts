// The check registry: lesson check kinds → the function that reads the kernel to decide.
import type { Check } from './types.js';
import type { CheckKind } from '../lesson/vocabulary.js';
import { nsDiffers, nsSame } from './namespaceChecks.js';
import { hostnameInside, hostHostnameUnchanged, sameKernel, uidMapped } from './identityChecks.js';
import { initPidInside, initVisibleFromHost, procListsOnlyContainer } from './processChecks.js';
import { mountInvisibleOnHost, mountsPrivate } from './mountChecks.js';
import { links } from './networkChecks.js';
import { cgroupRootInside, outputMatches } from './cgroupChecks.js';
import { inLabCgroup, memoryLimitIs, oomKills, hogSignal, memoryPeakWithinLimit, cpuQuotaIs, cpuThrottled, cpuShare, pidsMaxIs, forkRefused, pidsWithinLimit } from './cgroupLimitChecks.js';
import { layersUnpacked, overlayMounted, inUpperOnly, copiedUp, whiteout, opaqueDir, upperHolds, layerCommitted, layersShared } from './layerChecks.js';
import { initRootIsOverlay, initNsDiffer, initMountsOnlyContainer, initRuns, initHostname } from './containerChecks.js';
import { containerNamed, volumeMounted, volumeShows, vethInLabOnly, addressesInLabOnly, httpAnswers } from './dockerRunChecks.js';
import { daemonsRunning, imageLoaded } from './chainChecks.js';
import { shimIsParent, noRuncLeft, stdioThroughShim, containerAlive, containerGone, shimGone, containerdStopped, taskListed, exitStatusIs } from './shimChecks.js';
import { containerdNamespaces, ctrLists, dockerDoesNotList } from './containerdChecks.js';
import { apiSaw, proxyListening } from './apiChecks.js';
import { bundleMatches, hopsMeasured, runcCaught } from './traceChecks.js';
import { rootfsUnpacked, rootfsMountPoint, rootIsRootfs, rootIsHost, oldRootGone, procEmptyInRoot, procInRootListsOnlyContainer } from './rootChecks.js';
import { runcStateIs, runcGone, runcParent, bundleValid } from './runcChecks.js';

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
  'in-lab-cgroup': inLabCgroup,
  'memory-limit-is': memoryLimitIs,
  'oom-kills': oomKills,
  'hog-signal': hogSignal,
  'memory-peak-within-limit': memoryPeakWithinLimit,
  'cpu-quota-is': cpuQuotaIs,
  'cpu-throttled': cpuThrottled,
  'cpu-share': cpuShare,
  'pids-max-is': pidsMaxIs,
  'fork-refused': forkRefused,
  'pids-within-limit': pidsWithinLimit,
  'rootfs-unpacked': rootfsUnpacked,
  'rootfs-mount-point': rootfsMountPoint,
  'root-is-rootfs': rootIsRootfs,
  'root-is-host': rootIsHost,
  'old-root-gone': oldRootGone,
  'proc-empty-in-root': procEmptyInRoot,
  'proc-in-root-lists-only-container': procInRootListsOnlyContainer,
  'layers-unpacked': layersUnpacked,
  'overlay-mounted': overlayMounted,
  'in-upper-only': inUpperOnly,
  'copied-up': copiedUp,
  whiteout,
  'opaque-dir': opaqueDir,
  'upper-holds': upperHolds,
  'layer-committed': layerCommitted,
  'layers-shared': layersShared,
  'container-named': containerNamed,
  'volume-mounted': volumeMounted,
  'volume-shows': volumeShows,
  'veth-in-lab-only': vethInLabOnly,
  'addresses-in-lab-only': addressesInLabOnly,
  'http-answers': httpAnswers,
  'init-root-is-overlay': initRootIsOverlay,
  'init-ns-differ': initNsDiffer,
  'init-mounts-only-container': initMountsOnlyContainer,
  'init-runs': initRuns,
  'init-hostname': initHostname,
  'daemons-running': daemonsRunning,
  'image-loaded': imageLoaded,
  'shim-is-parent': shimIsParent,
  'no-runc-left': noRuncLeft,
  'stdio-through-shim': stdioThroughShim,
  'container-alive': containerAlive,
  'container-gone': containerGone,
  'shim-gone': shimGone,
  'containerd-stopped': containerdStopped,
  'task-listed': taskListed,
  'exit-status-is': exitStatusIs,
  'containerd-namespaces': containerdNamespaces,
  'ctr-lists': ctrLists,
  'docker-does-not-list': dockerDoesNotList,
  'proxy-listening': proxyListening,
  'api-saw': apiSaw,
  'runc-caught': runcCaught,
  'bundle-matches': bundleMatches,
  'hops-measured': hopsMeasured,
  'runc-state-is': runcStateIs,
  'runc-gone': runcGone,
  'runc-parent': runcParent,
  'bundle-valid': bundleValid,
};

/** "ns-differs uts" — how a check is named on screen. */
export function checkLabel(kind: string, params: Record<string, unknown>): string {
  const values = Object.values(params).map((v) => (Array.isArray(v) ? v.join(',') : String(v)));
  return [kind, ...values].join(' ');
}
