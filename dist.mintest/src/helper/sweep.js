// Removes what dead sessions left that the kernel does not reclaim: processes in lab cgroups, cgroup dirs, mounts, scratch dirs.
import { cgroupHierarchies, cgroupHasProcesses, hostCgroupFs, labCgroupParents, listLabCgroups, removeCgroupDir, CGROUP_PREFIX } from '../cgroup/session.js';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { umount2 } from '../../native/kernel.js';
import { MNT_DETACH } from '../../native/constants.js';
import { cgroupMountPoints, cleanupDaemons, mountsUnder } from '../chain/daemonCleanup.js';
import { daemonLayout } from '../chain/daemonLayout.js';
import { listSessionDirs, removeSessionDir, sessionIdOf } from './stateDir.js';
import { processStartTime, sessionIsAlive, sessionOwner, stateRoot } from '../stateRoot.js';
/**
 * The session's cgroup id from a lab cgroup dir: container-lab-<session>, a systemd scope
 * container-lab-<session>.scope, or a chain lesson's container-lab-<session>-docker / -runc.
 */
export function cgroupSessionId(dir) {
    return dir.slice(dir.lastIndexOf('/') + 1 + CGROUP_PREFIX.length).replace(/\.scope$/, '').split('-')[0];
}
/**
 * The session's cgroup directories in every hierarchy, named ones (name=systemd, where docker's
 * cgroupfs driver writes) included, and in the slices where systemd puts the lab's scopes.
 */
export function sessionCgroups(id, mountPoints = cgroupMountPoints(), fs = hostCgroupFs) {
    const out = [];
    for (const parent of mountPoints.flatMap((m) => labCgroupParents(m))) {
        try {
            for (const name of fs.readdir(parent))
                if (name.startsWith(CGROUP_PREFIX) && cgroupSessionId(join(parent, name)) === id)
                    out.push(join(parent, name));
        }
        catch {
            // hierarchy (or slice) not there, or not readable
        }
    }
    return out;
}
/**
 * What the container process started and that outlived it: a child that had not yet asked for
 * PR_SET_PDEATHSIG when the builder died (init.js still loading, say) lives on, outside any lab
 * cgroup. Every child of the builder inherits CONTAINER_LAB_PARENT=<helper PID>
 * (builderProcess.ts); the ones started after the helper are killed by PID. If that PID now
 * belongs to another process, the marker proves nothing and nothing is killed.
 */
function killOrphans(dir) {
    const owner = sessionOwner(dir);
    if (!owner)
        return [];
    const now = processStartTime(owner.pid);
    if (now !== null && now !== owner.start)
        return [];
    const marker = `CONTAINER_LAB_PARENT=${owner.pid}\0`;
    const killed = [];
    for (const name of readdirSync('/proc')) {
        if (!/^\d+$/.test(name) || Number(name) === process.pid)
            continue;
        try {
            const environ = '\0' + readFileSync(`/proc/${name}/environ`, 'latin1');
            if (!environ.includes('\0' + marker))
                continue;
            if (Number(processStartTime(Number(name)) ?? -1) < Number(owner.start))
                continue;
            process.kill(Number(name), 'SIGKILL');
            killed.push(Number(name));
        }
        catch {
            // gone, or not ours to read
        }
    }
    return killed;
}
/**
 * Everything one dead session left, from its directory alone: the container process's orphans
 * (killOrphans); the chain lessons' daemons, shims and containers (found by the session dir in
 * their command lines); every process in the session's cgroups, killed by PID, and the cgroup
 * directories; mounts under the directory (detached first, so removing the directory never
 * reaches through a bind mount); the directory.
 * A session whose helper still runs is never touched. The sweep at start and the crash reaper
 * (src/programs/reaper.ts) both use this.
 */
export async function cleanDeadSession(dir) {
    if (sessionIsAlive(dir))
        return [];
    const removed = [];
    const id = sessionIdOf(dir);
    for (const pid of killOrphans(dir))
        removed.push(`process ${pid}`);
    if (existsSync(join(dir, 'containerd.toml')))
        await cleanupDaemons(dir, daemonLayout(dir, id).cgroupParent, [process.pid]);
    for (const cg of sessionCgroups(id))
        if (await removeCgroupDir(cg))
            removed.push(`cgroup ${cg}`);
    for (const target of mountsUnder(dir)) {
        try {
            umount2(target, MNT_DETACH);
            removed.push(`mount ${target}`);
        }
        catch {
            // reported below: the directory stays
        }
    }
    if (mountsUnder(dir).length > 0)
        return removed;
    removeSessionDir(dir);
    removed.push(`scratch directory ${dir}`);
    return removed;
}
/**
 * A session is dead when the helper that owned it is gone: cleanDeadSession() removes what it
 * left. A lab cgroup with no session directory here is removed only when no process is left in it
 * (it may belong to a session with another state directory that is still running).
 */
export async function sweepLeftovers(root = stateRoot()) {
    const removed = [];
    const live = new Set();
    const dead = new Set();
    for (const dir of listSessionDirs(root)) {
        if (sessionIsAlive(dir))
            live.add(sessionIdOf(dir));
        else {
            dead.add(sessionIdOf(dir));
            removed.push(...await cleanDeadSession(dir));
        }
    }
    removed.push(...await sweepLabCgroups(cgroupHierarchies(), live, dead));
    return removed;
}
/**
 * The lab cgroups (directories and systemd scopes) of sessions that are not live: a dead
 * session's go with its processes; one of no session known here only when nothing runs in it.
 */
export async function sweepLabCgroups(h, live, dead, fs = hostCgroupFs) {
    const removed = [];
    for (const dir of listLabCgroups(h, fs)) {
        const id = cgroupSessionId(dir);
        if (live.has(id))
            continue;
        if (!dead.has(id) && cgroupHasProcesses(dir, fs))
            continue;
        if (await removeCgroupDir(dir, fs))
            removed.push(`cgroup ${dir}`);
    }
    return removed;
}
