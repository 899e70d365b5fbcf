// Every action a lesson may name: the list the vocabulary, the validator and the docs are derived from.
import type { ActionDefinition } from '../steps/define.js';
import { unshare } from './unshare.js';
import { sethostname } from './sethostname.js';
import { makeMountsPrivate } from './makeMountsPrivate.js';
import { mountTmpfs } from './mountTmpfs.js';
import { startInit } from './startInit.js';
import { mountProc } from './mountProc.js';
import { linkUp } from './linkUp.js';
import { joinCgroup } from './joinCgroup.js';
import { userNamespace } from './userNamespace.js';
import { run } from './run.js';
import { setMemoryLimit } from './setMemoryLimit.js';
import { memoryHog } from './memoryHog.js';
import { setCpuQuota } from './setCpuQuota.js';
import { cpuHog } from './cpuHog.js';
import { setPidsMax } from './setPidsMax.js';
import { forkHog } from './forkHog.js';
import { prepareRootfs } from './prepareRootfs.js';
import { chroot } from './chroot.js';
import { escapeRoot } from './escapeRoot.js';
import { pivotRoot } from './pivotRoot.js';
import { runInRoot } from './runInRoot.js';
import { mountProcInRoot } from './mountProcInRoot.js';
import { unpackLayers } from './unpackLayers.js';
import { mountOverlay } from './mountOverlay.js';
import { editRootfs } from './editRootfs.js';
import { commitLayer } from './commitLayer.js';
import { nameContainer } from './nameContainer.js';
import { bindVolume } from './bindVolume.js';
import { writeVolume } from './writeVolume.js';
import { labNetwork } from './labNetwork.js';
import { startServer } from './startServer.js';
import { publishPort } from './publishPort.js';
import { runImageCmd } from './runImageCmd.js';
import { startContainerInit } from './startContainerInit.js';
import { pivotInit } from './pivotInit.js';
import { mountProcInInit } from './mountProcInInit.js';
import { execInit } from './execInit.js';
import { maskPaths } from './maskPaths.js';
import { showCaps } from './showCaps.js';
import { dropCaps } from './dropCaps.js';
import { noNewPrivs } from './noNewPrivs.js';
import { loadSeccomp } from './loadSeccomp.js';
import { showLsmLabel } from './showLsmLabel.js';
import { execInContainer } from './execInContainer.js';
import { startDaemons } from './startDaemons.js';
import { loadImage } from './loadImage.js';
import { docker } from './docker.js';
import { ctr } from './ctr.js';
import { stopContainerd } from './stopContainerd.js';
import { startContainerd } from './startContainerd.js';
import { startDockerd } from './startDockerd.js';
import { showStdio } from './showStdio.js';
import { touchInContainer } from './touchInContainer.js';
import { apiProxy } from './apiProxy.js';
import { tracedRun } from './tracedRun.js';
import { showBundle } from './showBundle.js';
import { containerdView } from './containerdView.js';
import { runcBundle } from './runcBundle.js';
import { runc } from './runc.js';
import { nsenterContainer } from './nsenterContainer.js';
import { showConfinement } from './showConfinement.js';

import { netBridge } from './netBridge.js';
import { netContainer } from './netContainer.js';
import { netPing } from './netPing.js';
import { netServe } from './netServe.js';
import { netDnat } from './netDnat.js';
import { netConnect } from './netConnect.js';
import { netUserlandProxy } from './netUserlandProxy.js';
import { netJoin } from './netJoin.js';
export const actionDefinitions: readonly ActionDefinition[] = [
  unshare,
  sethostname,
  makeMountsPrivate,
  mountTmpfs,
  startInit,
  mountProc,
  linkUp,
  joinCgroup,
  userNamespace,
  run,
  setMemoryLimit,
  memoryHog,
  setCpuQuota,
  cpuHog,
  setPidsMax,
  forkHog,
  prepareRootfs,
  chroot,
  escapeRoot,
  pivotRoot,
  runInRoot,
  mountProcInRoot,
  unpackLayers,
  mountOverlay,
  editRootfs,
  commitLayer,
  nameContainer,
  bindVolume,
  writeVolume,
  labNetwork,
  startServer,
  publishPort,
  runImageCmd,
  startContainerInit,
  pivotInit,
  mountProcInInit,
  execInit,
  maskPaths,
  showCaps,
  dropCaps,
  noNewPrivs,
  loadSeccomp,
  showLsmLabel,
  execInContainer,
  startDaemons,
  loadImage,
  docker,
  ctr,
  stopContainerd,
  startContainerd,
  startDockerd,
  showStdio,
  touchInContainer,
  apiProxy,
  tracedRun,
  showBundle,
  containerdView,
  runcBundle,
  runc,
  netBridge,
  netContainer,
  netPing,
  netServe,
  netDnat,
  netConnect,
  netUserlandProxy,
  netJoin,
  nsenterContainer,
  showConfinement,
];
