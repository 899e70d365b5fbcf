// What this host lets the lab do, read from kernel files under a root path: user namespaces, overlayfs, SELinux, cgroup delegation, root.
import { release as kernelRelease } from 'node:os';
import { whichProgram } from '../../../native/findProgram.js';
import { delegationFs, hostFiles, type HostFiles } from './hostFiles.js';
import { usernsBlock, type UsernsBlock } from './userns.js';
import { overlayState, type OverlayState } from './overlay.js';
import { selinuxMode, type SelinuxMode } from './selinux.js';
import { rootlessCgroupDelegation, type CgroupDelegation } from '../../cgroup/delegation.js';
import type { RootVia } from '../../format/asRoot.js';

export interface HostProbe {
  uid: number;
  /** how this user gets root for a fix: already root, sudo (on PATH), or su */
  rootVia: RootVia;
  /** what stops unprivileged user namespaces, or null */
  userns: UsernsBlock | null;
  overlay: OverlayState;
  selinux: SelinuxMode;
  /** the cgroup v2 subtree systemd delegates to this user; null as root, who needs none */
  delegation: CgroupDelegation | null;
}

export interface ProbeOptions {
  files?: HostFiles;
  uid?: number;
  release?: string;
  find?: (name: string) => string | null;
}

/** Only reads files (a dozen, no programs started): cheap enough for `list` and the menu. */
export function probeHost(o: ProbeOptions = {}): HostProbe {
  const files = o.files ?? hostFiles('/');
  const uid = o.uid ?? process.geteuid?.() ?? 0;
  const rootVia: RootVia = uid === 0 ? 'root' : (o.find ?? whichProgram)('sudo') ? 'sudo' : 'su';
  return {
    uid,
    rootVia,
    userns: usernsBlock(files, rootVia),
    overlay: overlayState(files, o.release ?? kernelRelease()),
    selinux: selinuxMode(files),
    delegation: uid === 0 ? null : rootlessCgroupDelegation('', uid, delegationFs(files), rootVia),
  };
}
