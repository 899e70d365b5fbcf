// The action registry: lesson action names → the module that performs them.
import type { Action } from './context.js';
import type { ActionName } from '../lesson/vocabulary.js';
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
import { unpackLayers } from './unpackLayers.js';
import { mountOverlay } from './mountOverlay.js';
import { editRootfs } from './editRootfs.js';
import { commitLayer } from './commitLayer.js';
import { prepareRootfs } from './prepareRootfs.js';
import { chroot } from './chroot.js';
import { escapeRoot } from './escapeRoot.js';
import { pivotRoot } from './pivotRoot.js';
import { runInRoot } from './runInRoot.js';
import { mountProcInRoot } from './mountProcInRoot.js';
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

export const actions: Record<ActionName, Action> = {
  unshare,
  sethostname,
  'make-mounts-private': makeMountsPrivate,
  'mount-tmpfs': mountTmpfs,
  'start-init': startInit,
  'mount-proc': mountProc,
  'link-up': linkUp,
  'join-cgroup': joinCgroup,
  'user-namespace': userNamespace,
  run,
  'set-memory-limit': setMemoryLimit,
  'memory-hog': memoryHog,
  'set-cpu-quota': setCpuQuota,
  'cpu-hog': cpuHog,
  'set-pids-max': setPidsMax,
  'fork-hog': forkHog,
  'prepare-rootfs': prepareRootfs,
  chroot,
  'escape-root': escapeRoot,
  'pivot-root': pivotRoot,
  'run-in-root': runInRoot,
  'mount-proc-in-root': mountProcInRoot,
  'unpack-layers': unpackLayers,
  'mount-overlay': mountOverlay,
  'edit-rootfs': editRootfs,
  'commit-layer': commitLayer,
  'name-container': nameContainer,
  'bind-volume': bindVolume,
  'write-volume': writeVolume,
  'lab-network': labNetwork,
  'start-server': startServer,
  'publish-port': publishPort,
  'run-image-cmd': runImageCmd,
  'start-container-init': startContainerInit,
  'pivot-init': pivotInit,
  'mount-proc-in-init': mountProcInInit,
  'exec-init': execInit,
  'exec-in-container': execInContainer,
  'start-daemons': startDaemons,
  'load-image': loadImage,
  docker,
  ctr,
  'stop-containerd': stopContainerd,
  'start-containerd': startContainerd,
  'start-dockerd': startDockerd,
  'show-stdio': showStdio,
  'touch-in-container': touchInContainer,
  'api-proxy': apiProxy,
  'traced-run': tracedRun,
  'show-bundle': showBundle,
  'containerd-view': containerdView,
  'runc-bundle': runcBundle,
  runc,
};
