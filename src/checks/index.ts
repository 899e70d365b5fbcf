// Every check a lesson may name: the list the vocabulary, the validator and the docs are derived from.
import type { CheckDefinition } from '../steps/define.js';
import { nsDiffers, nsSame } from './namespaceChecks.js';
import { hostnameInside, hostHostnameUnchanged, sameKernel, uidMapped } from './identityChecks.js';
import { initPidInside, initVisibleFromHost, procListsOnlyContainer } from './processChecks.js';
import { mountInvisibleOnHost, mountsPrivate } from './mountChecks.js';
import { links } from './networkChecks.js';
import { outputMatches, cgroupRootInside } from './cgroupChecks.js';
import { inLabCgroup, memoryLimitIs, oomKills, hogSignal, memoryPeakWithinLimit, cpuQuotaIs, cpuThrottled, cpuShare, pidsMaxIs, forkRefused, pidsWithinLimit } from './cgroupLimitChecks.js';
import { rootfsUnpacked, rootfsMountPoint, rootIsRootfs, rootIsHost, oldRootGone, procEmptyInRoot, procInRootListsOnlyContainer } from './rootChecks.js';
import { layersUnpacked, overlayMounted, inUpperOnly, copiedUp, whiteout, opaqueDir, upperHolds, layerCommitted, layersShared } from './layerChecks.js';
import { containerNamed, volumeMounted, volumeShows, vethInLabOnly, addressesInLabOnly, httpAnswers } from './dockerRunChecks.js';
import { initRootIsOverlay, initNsDiffer, initMountsOnlyContainer, initProcOnRootfs, initRuns, initHostname } from './containerChecks.js';
import { daemonsRunning, imageLoaded } from './chainChecks.js';
import { shimIsParent, noRuncLeft, stdioThroughShim, containerAlive, containerGone, shimGone, containerdStopped, taskListed, exitStatusIs } from './shimChecks.js';
import { containerdNamespaces, ctrLists, dockerDoesNotList, dockerImageStore } from './containerdChecks.js';
import { proxyListening, apiSaw, createdThroughApi } from './apiChecks.js';
import { escapedFromRootfs, escapeStoppedAtRootfs } from './escapeChecks.js';
import { joinedContainer } from './joinChecks.js';
import { runcCaught, bundleMatches, bundleRootIsDockers, hopsMeasured } from './traceChecks.js';
import { hostnameNamesPid } from './hostnamePidChecks.js';
import { mountHiddenFromHost } from './hiddenMountChecks.js';
import { pidsLimitHit } from './pidsLimitHitChecks.js';
import { runcStateIs, runcGone, runcParent, bundleValid } from './runcChecks.js';
import { runcExecJoined } from './runcExec.js';
import { shimNiceIs } from './shimNice.js';
import { dockerPaused } from './dockerPaused.js';
import { dockerDidNotKill } from './dockerEvents.js';
import { bridgePorts, icmpEchoes, dnatRule, conntrackEntry, sameNetns, httpFrom } from './containerNetChecks.js';
import { signalAtInit, stopSignals } from './stopChecks.js';
import { rwLayerHolds } from './rwLayerChecks.js';
import { cgroupFrozen } from './frozenChecks.js';
import { joinedAs } from './execChecks.js';
import { initCaps, initStatus, initPathMasked, initPathReadonly, containerProcessConfined, initLsmLabel } from './confineChecks.js';

export const checkDefinitions: readonly CheckDefinition[] = [
  nsDiffers,
  nsSame,
  hostnameInside,
  hostHostnameUnchanged,
  initPidInside,
  initVisibleFromHost,
  procListsOnlyContainer,
  hostnameNamesPid,
  mountInvisibleOnHost,
  mountsPrivate,
  mountHiddenFromHost,
  links,
  sameKernel,
  outputMatches,
  cgroupRootInside,
  uidMapped,
  inLabCgroup,
  memoryLimitIs,
  oomKills,
  hogSignal,
  memoryPeakWithinLimit,
  cpuQuotaIs,
  cpuThrottled,
  cpuShare,
  pidsMaxIs,
  forkRefused,
  pidsWithinLimit,
  pidsLimitHit,
  rootfsUnpacked,
  rootfsMountPoint,
  rootIsRootfs,
  rootIsHost,
  oldRootGone,
  procEmptyInRoot,
  procInRootListsOnlyContainer,
  escapedFromRootfs,
  escapeStoppedAtRootfs,
  layersUnpacked,
  overlayMounted,
  inUpperOnly,
  copiedUp,
  whiteout,
  opaqueDir,
  upperHolds,
  layerCommitted,
  layersShared,
  containerNamed,
  volumeMounted,
  volumeShows,
  vethInLabOnly,
  addressesInLabOnly,
  httpAnswers,
  initRootIsOverlay,
  initNsDiffer,
  initMountsOnlyContainer,
  initProcOnRootfs,
  initRuns,
  initHostname,
  joinedContainer,
  daemonsRunning,
  imageLoaded,
  shimIsParent,
  noRuncLeft,
  stdioThroughShim,
  containerAlive,
  containerGone,
  shimGone,
  containerdStopped,
  taskListed,
  exitStatusIs,
  containerdNamespaces,
  ctrLists,
  dockerImageStore,
  dockerDoesNotList,
  proxyListening,
  apiSaw,
  createdThroughApi,
  runcCaught,
  bundleMatches,
  bundleRootIsDockers,
  hopsMeasured,
  runcStateIs,
  runcGone,
  runcParent,
  bundleValid,
  runcExecJoined,
  shimNiceIs,
  dockerPaused,
  dockerDidNotKill,
  bridgePorts,
  icmpEchoes,
  dnatRule,
  conntrackEntry,
  sameNetns,
  httpFrom,
  signalAtInit,
  stopSignals,
  rwLayerHolds,
  cgroupFrozen,
  joinedAs,
  initCaps,
  initStatus,
  initPathMasked,
  initPathReadonly,
  containerProcessConfined,
  initLsmLabel,
];

/** "ns-differs uts" — how a check is named on screen. */
export function checkLabel(kind: string, params: Record<string, unknown>): string {
  const values = Object.values(params).map((v) => (Array.isArray(v) ? v.join(',') : String(v)));
  return [kind, ...values].join(' ');
}
