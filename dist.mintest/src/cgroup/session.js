// The lab's cgroup directories, one per session, behind one interface for cgroup v1, hybrid and v2.
import { readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseMountinfo } from '../observe/parse/mountinfo.js';
import { detectCgroupLayout } from '../observe/parse/cgroupLayout.js';
import { CGROUP_PREFIX, V2_LEAF } from './names.js';
import { scopeSlice, startLabScope, systemdBooted } from './systemdScope.js';
import { realSys } from '../sys/real.js';
import { LabError } from '../errors.js';
export { CGROUP_PREFIX } from './names.js';
/**
 * Where cgroups are mounted here. On v1 and hybrid hosts every controller has its own
 * hierarchy (cgroups(7)); the lab skips named hierarchies such as name=systemd, which
 * belong to the init system.
 */
export function cgroupHierarchies(root = '/', fs = realSys) {
    const mountinfo = parseMountinfo(fs.readFile(join(root, 'proc/self/mountinfo')));
    const layout = detectCgroupLayout(mountinfo);
    const roots = new Set();
    for (const [controller, mountPoint] of Object.entries(layout.v1Mounts)) {
        if (!controller.startsWith('name='))
            roots.add(mountPoint);
    }
    if (layout.v2Mount)
        roots.add(layout.v2Mount);
    return {
        mode: layout.mode,
        roots: [...roots].map((r) => join(root, r)),
        v2Root: layout.v2Mount ? join(root, layout.v2Mount) : null,
        systemd: systemdBooted(fs, root),
    };
}
export function sessionCgroupName(sessionId) {
    return CGROUP_PREFIX + sessionId;
}
/*
 * Pure v2 (cgroup-v2.rst; https://systemd.io/CGROUP_DELEGATION/):
 *   systemd host, root:      /sys/fs/cgroup/system.slice/container-lab-<id>.scope/container
 *   systemd host, rootless:  …/user@<uid>.service/app.slice/container-lab-<id>.scope/container
 *   no systemd, root:        /sys/fs/cgroup/container-lab-<id>/container
 * systemd owns its tree and expects a manager to write only below a unit with Delegate=yes, so on
 * a systemd host the lab asks for a transient scope around the container process (systemdScope.ts)
 * rather than mkdir at the top, where systemd never looks and its own accounting does not reach.
 * Without systemd nothing owns the tree, and the lab's directory goes under the root. Either way
 * the processes sit in a leaf: the "no internal processes" rule forbids a cgroup with processes
 * to enable controllers for its children, and the lab enables them in its own directory.
 */
function createV2(h, sessionId, sys, members, rootless) {
    const v2Root = h.v2Root;
    if (h.systemd) {
        const scope = startLabScope(sys, v2Root, sessionId, members, rootless);
        return { dir: scope, placement: `a transient systemd scope with Delegate=yes (${rootless ? 'your user manager' : 'PID 1'} moved the container process in)` };
    }
    if (rootless)
        throw new LabError('rootless cgroups need systemd here: its user manager delegates a subtree to you', 'run as root or with --sudo');
    const dir = join(v2Root, sessionCgroupName(sessionId));
    if (!sys.exists(dir))
        sys.mkdir(dir);
    return { dir, placement: 'a directory under the cgroup2 root (no systemd here: nothing else manages the tree)' };
}
/**
 * Creates the session's directory in every hierarchy; returns the directories processes go in
 * (members are the processes about to join: on a systemd host the scope is made around them).
 * On cgroup2 that is a leaf below the lab's own cgroup, so the lab's own can enable controllers for
 * the leaf without breaking the "no internal processes" rule (see src/cgroup/v2.ts).
 */
export function createSessionCgroups(h, sessionId, sys, members, rootless = false) {
    const dirs = [];
    let placement = null;
    for (const r of h.roots) {
        if (r === h.v2Root && h.mode === 'v2') {
            const made = createV2(h, sessionId, sys, members, rootless);
            placement = made.placement;
            const leaf = join(made.dir, V2_LEAF);
            if (!sys.exists(leaf))
                sys.mkdir(leaf);
            dirs.push(leaf);
            continue;
        }
        const dir = join(r, sessionCgroupName(sessionId));
        if (!sys.exists(dir))
            sys.mkdir(dir);
        if (r === h.v2Root) {
            // hybrid: the cgroup2 hierarchy has no controllers; a leaf keeps the layout v2's
            const leaf = join(dir, V2_LEAF);
            if (!sys.exists(leaf))
                sys.mkdir(leaf);
            dirs.push(leaf);
        }
        else {
            dirs.push(dir);
            inheritCpusetV1(r, dir, sys);
        }
    }
    return { dirs, placement };
}
/**
 * cgroup v1 cpuset starts a new group with empty cpuset.cpus and cpuset.mems, and refuses tasks
 * (ENOSPC) until both are set (cpusets(7)); the lab copies the parent's. v2 has no such rule.
 */
function inheritCpusetV1(parent, dir, sys) {
    for (const name of ['cpuset.cpus', 'cpuset.mems']) {
        const file = join(dir, name);
        if (!sys.exists(file) || sys.readFile(file).trim() !== '')
            continue;
        sys.writeFile(file, sys.readFile(join(parent, name)).trim());
    }
}
/** Moves a process in: one write of its PID to cgroup.procs in each directory. */
export function joinCgroups(dirs, pid, sys = realSys) {
    for (const dir of dirs)
        sys.writeFile(join(dir, 'cgroup.procs'), String(pid));
}
export const hostCgroupFs = {
    readFile: (p) => readFileSync(p, 'utf8'),
    readdir: (p) => realSys.readdir(p),
    exists: (p) => realSys.exists(p),
    lstat: (p) => realSys.lstat(p),
    rmdir: (p) => rmdirSync(p),
    writeFile: (p, data) => writeFileSync(p, data),
    kill: (pid, signal) => {
        try {
            process.kill(pid, signal);
            return true;
        }
        catch {
            return false;
        }
    },
};
function procsIn(dir, fs) {
    try {
        return fs.readFile(join(dir, 'cgroup.procs')).split('\n').filter(Boolean).map(Number);
    }
    catch {
        return [];
    }
}
/**
 * Removes a lab cgroup directory: its processes are the lab's own (nothing else is ever put
 * there), so they are killed by PID first; rmdir(2) fails with EBUSY while any remain. A
 * systemd scope's directory goes the same way: once it is empty systemd stops the scope, and
 * whichever of the two removes the directory first, the other gets ENOENT.
 */
export async function removeCgroupDir(dir, fs = hostCgroupFs, timeoutMs = 2000) {
    if (!fs.exists(dir))
        return true;
    // rmdir(2) of a cgroup with child cgroups fails with EBUSY too: children first.
    for (const child of childCgroups(dir, fs))
        await removeCgroupDir(child, fs, timeoutMs);
    for (const pid of procsIn(dir, fs))
        fs.kill(pid, 'SIGKILL');
    thawCgroup(dir, fs);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        try {
            fs.rmdir(dir);
            return true;
        }
        catch (error) {
            const code = error.code;
            if (code === 'ENOENT')
                return true;
            if (code !== 'EBUSY' || Date.now() > deadline)
                return false;
            await new Promise((r) => setTimeout(r, 20));
        }
    }
}
/**
 * Thaws a cgroup a learner left frozen (runc pause, `ctr tasks pause`, `docker pause`). On cgroup v1
 * a frozen task does not act on SIGKILL until it is thawed: it would never leave, and rmdir(2)
 * would fail with EBUSY for good. Each v1 cgroup has its own freezer.state (a child frozen by
 * itself stays FROZEN when its parent thaws); on v2 a fatal signal gets through a freeze, and
 * cgroup.freeze goes back to 0 all the same. Only a frozen cgroup is written to.
 */
export function thawCgroup(dir, fs = hostCgroupFs) {
    if (!fs.writeFile)
        return;
    for (const [file, thawed] of [['freezer.state', 'THAWED'], ['cgroup.freeze', '0']]) {
        const path = join(dir, file);
        try {
            if (fs.exists(path) && fs.readFile(path).trim() !== thawed)
                fs.writeFile(path, thawed);
        }
        catch {
            // the cgroup went meanwhile, or the file cannot be written here: removal will say so
        }
    }
}
/** thawCgroup on the directory and every cgroup below it. */
export function thawCgroupTree(dir, fs = hostCgroupFs) {
    if (!fs.exists(dir))
        return;
    for (const child of childCgroups(dir, fs))
        thawCgroupTree(child, fs);
    thawCgroup(dir, fs);
}
function childCgroups(dir, fs) {
    try {
        return fs.readdir(dir).map((name) => join(dir, name)).filter((p) => {
            try {
                return fs.lstat(p).isDirectory;
            }
            catch {
                return false;
            }
        });
    }
    catch {
        return [];
    }
}
/** True when a process is left in the directory or any cgroup below it. */
export function cgroupHasProcesses(dir, fs = hostCgroupFs) {
    return procsIn(dir, fs).length > 0 || childCgroups(dir, fs).some((c) => cgroupHasProcesses(c, fs));
}
/**
 * The directories a lab cgroup can be in, below one hierarchy's mount: the mount itself (v1,
 * hybrid, v2 without systemd), system.slice (root's scopes) and this user's app.slice (rootless
 * scopes). Lab cgroups are never looked for, nor removed, anywhere else.
 */
export function labCgroupParents(hierarchy, uid = process.getuid?.() ?? 0) {
    return [hierarchy, join(hierarchy, scopeSlice(false)), join(hierarchy, `user.slice/user-${uid}.slice/user@${uid}.service`, scopeSlice(true))];
}
/** Every lab cgroup directory on this host, live or left over. */
export function listLabCgroups(h, fs = hostCgroupFs) {
    const out = [];
    for (const r of h.roots) {
        for (const parent of r === h.v2Root ? labCgroupParents(r) : [r]) {
            try {
                for (const name of fs.readdir(parent))
                    if (name.startsWith(CGROUP_PREFIX))
                        out.push(join(parent, name));
            }
            catch {
                // hierarchy (or slice) not there, or not readable
            }
        }
    }
    return out;
}
