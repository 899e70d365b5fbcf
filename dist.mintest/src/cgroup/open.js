// Picks the cgroup driver for this host's layout: for the lab's session, or for where a process is.
import { join } from 'node:path';
import { LabError } from '../errors.js';
import { realSys } from '../sys/real.js';
import { CGROUP_PREFIX, sessionCgroupName } from './session.js';
import { parseMountinfo } from '../observe/parse/mountinfo.js';
import { parseProcCgroup } from '../observe/parse/cgroup.js';
import { cgroupDirFor, detectCgroupLayout } from '../observe/parse/cgroupLayout.js';
import { V1Driver } from './v1.js';
import { V2Driver } from './v2.js';
import { V2_LEAF } from './names.js';
const CONTROLLERS = ['memory', 'cpu', 'cpuacct', 'pids'];
/** The helper's own mount table under root: where the hierarchies are, seen from the host. */
function hostMounts(root, fs) {
    return parseMountinfo(fs.readFile(join(root, 'proc/self/mountinfo')));
}
/*
 * v2 only when the controllers are on the unified hierarchy. A hybrid host (v1 controllers,
 * cgroup2 mounted without them, like systemd's /sys/fs/cgroup/unified) is driven as v1.
 */
function usesV2(layout) {
    return layout.mode === 'v2';
}
/**
 * The driver for the directories join-cgroup made for a session (src/cgroup/session.ts); it
 * reads the mount table and the cgroup files through fs (a step passes its ctx.sys). On v2 the
 * leaf is the one among made that lies in the cgroup2 hierarchy (a systemd scope's place depends on
 * the manager), else the one a host without systemd has.
 */
export function openCgroupDriver(root, sessionId, fs = realSys, made = []) {
    const layout = detectCgroupLayout(hostMounts(root, fs));
    const name = sessionCgroupName(sessionId);
    if (layout.mode === 'none') {
        throw new LabError('no cgroup filesystem is mounted on this host', 'mount cgroup2 on /sys/fs/cgroup (most distributions do this at boot)');
    }
    if (usesV2(layout)) {
        const v2 = join(root, layout.v2Mount);
        const leaf = made.find((d) => d.startsWith(v2 + '/') && d.endsWith('/' + V2_LEAF));
        return new V2Driver(leaf ?? join(v2, name, V2_LEAF), fs);
    }
    const dirs = {};
    for (const c of CONTROLLERS) {
        const mount = layout.v1Mounts[c];
        if (mount)
            dirs[c] = join(root, mount, name);
    }
    return new V1Driver(dirs, fs);
}
export function isLabCgroupPath(path) {
    return path.split('/').some((part) => part.startsWith(CGROUP_PREFIX));
}
/**
 * The driver for the cgroup(s) a process is in, from its /proc/<pid>/cgroup as the host sees
 * it; null when it is in no lab cgroup (or is gone).
 */
export function cgroupDriverForProcess(root, pid, fs = realSys) {
    let text;
    try {
        text = fs.readFile(join(root, 'proc', String(pid), 'cgroup'));
    }
    catch {
        return null;
    }
    const mounts = hostMounts(root, fs);
    const memberships = parseProcCgroup(text);
    const layout = detectCgroupLayout(mounts);
    if (layout.mode === 'none')
        return null;
    if (usesV2(layout)) {
        const dir = cgroupDirFor(mounts, memberships, null);
        return dir !== null && isLabCgroupPath(dir) ? new V2Driver(join(root, dir), fs) : null;
    }
    const dirs = {};
    for (const c of CONTROLLERS) {
        if (!layout.v1Mounts[c])
            continue;
        const dir = cgroupDirFor(mounts, memberships, c);
        if (dir !== null && isLabCgroupPath(dir))
            dirs[c] = join(root, dir);
    }
    return Object.keys(dirs).length > 0 ? new V1Driver(dirs, fs) : null;
}
/** The panel's rows: the container's cgroup files, or none until it is in a lab cgroup. */
export function labCgroupFiles(root, pid, fs = realSys) {
    try {
        return cgroupDriverForProcess(root, pid, fs)?.describeFiles() ?? [];
    }
    catch {
        return []; // the process or its cgroup went away while we looked
    }
}
