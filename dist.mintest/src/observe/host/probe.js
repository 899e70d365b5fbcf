// What this host lets the lab do, read from kernel files under a root path: user namespaces, overlayfs, SELinux, cgroup delegation, root.
import { release as kernelRelease } from 'node:os';
import { whichProgram } from '../../../native/findProgram.js';
import { delegationFs, hostFiles } from './hostFiles.js';
import { usernsBlock } from './userns.js';
import { overlayState } from './overlay.js';
import { selinuxMode } from './selinux.js';
import { rootlessCgroupDelegation } from '../../cgroup/delegation.js';
/** Only reads files (a dozen, no programs started): cheap enough for `list` and the menu. */
export function probeHost(o = {}) {
    const files = o.files ?? hostFiles('/');
    const uid = o.uid ?? process.geteuid?.() ?? 0;
    const rootVia = uid === 0 ? 'root' : (o.find ?? whichProgram)('sudo') ? 'sudo' : 'su';
    return {
        uid,
        rootVia,
        userns: usernsBlock(files, rootVia),
        overlay: overlayState(files, o.release ?? kernelRelease()),
        selinux: selinuxMode(files),
        delegation: uid === 0 ? null : rootlessCgroupDelegation('', uid, delegationFs(files), rootVia),
    };
}
