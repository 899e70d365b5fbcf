/* Super options of a v1 cgroup mount that are not controllers (cgroup1_show_options and the
 * generic superblock flags); everything else is a controller name or "name=<hierarchy>". */
const V1_NON_CONTROLLER = new Set(['rw', 'ro', 'sync', 'dirsync', 'mand', 'lazytime', 'noprefix', 'xattr',
    'cpuset_v2_mode', 'favordynmods', 'clone_children', 'none']);
/** The controllers (and "name=..." hierarchy names) a v1 cgroup mount carries. */
export function v1MountControllers(m) {
    return m.superOptions.split(',').filter((o) => o !== '' && !V1_NON_CONTROLLER.has(o) && !o.startsWith('release_agent='));
}
/*
 * The first mount of a hierarchy wins: later ones are usually bind mounts of a sub-cgroup
 * (e.g. a container's view). Named hierarchies alone (name=systemd) hold no controllers, so a
 * cgroup2 mount next to only those is still "v2".
 */
export function detectCgroupLayout(mounts) {
    const v1Mounts = {};
    let v2Mount = null;
    let v1Controllers = false;
    let v1Any = false;
    for (const m of mounts) {
        if (m.fsType === 'cgroup2') {
            v2Mount ??= m.mountPoint;
        }
        else if (m.fsType === 'cgroup') {
            v1Any = true;
            for (const c of v1MountControllers(m)) {
                if (!c.startsWith('name='))
                    v1Controllers = true;
                if (!(c in v1Mounts))
                    v1Mounts[c] = m.mountPoint;
            }
        }
    }
    const mode = v2Mount !== null ? (v1Controllers ? 'hybrid' : 'v2') : v1Any ? 'v1' : 'none';
    return { mode, v2Mount, v1Mounts };
}
/*
 * The directory holding a process's cgroup files for one controller (or, with null, its v2
 * cgroup). A v1 hierarchy that has the controller wins; otherwise the v2 hierarchy is used —
 * whether the controller is enabled there shows only in its cgroup.controllers.
 *
 * The path in /proc/<pid>/cgroup is relative to the reader's cgroup namespace root, and a
 * mount's root field (mountinfo field 4) says which cgroup is at its mount point, so the
 * directory is mountPoint + (path minus root). A path outside the reader's cgroup namespace
 * shows as "/../..." (cgroup_namespaces(7)) and has no directory here: null.
 */
export function cgroupDirFor(mounts, memberships, controller) {
    if (controller !== null) {
        const member = memberships.find((c) => c.hierarchyId !== 0 && c.controllers.includes(controller));
        const v1 = mounts.filter((m) => m.fsType === 'cgroup' && v1MountControllers(m).includes(controller));
        if (member && v1.length > 0)
            return resolveUnder(v1, member.path);
    }
    const member = memberships.find((c) => c.hierarchyId === 0);
    const v2 = mounts.filter((m) => m.fsType === 'cgroup2');
    return member && v2.length > 0 ? resolveUnder(v2, member.path) : null;
}
function resolveUnder(candidates, path) {
    if (path.split('/').includes('..'))
        return null;
    for (const m of candidates) {
        const root = m.root === '/' ? '' : m.root;
        if (path === m.root || path.startsWith(`${root}/`)) {
            const rest = path.slice(root.length);
            return rest === '/' || rest === '' ? m.mountPoint : `${m.mountPoint === '/' ? '' : m.mountPoint}${rest}`;
        }
    }
    return null;
}
