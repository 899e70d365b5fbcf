import { parseNsLink } from './parse/nsLink.js';
import { NS_TYPES } from '../types.js';
function inode(proc, path) {
    try {
        return parseNsLink(proc.readlink(path))?.inode ?? null;
    }
    catch {
        return null;
    }
}
/** Whether any live process is in this PID namespace (after unshare(CLONE_NEWPID) it has none until PID 1 starts). */
function pidNamespaceHasMembers(proc, ns) {
    let names;
    try {
        names = proc.readdir('/proc');
    }
    catch {
        return false;
    }
    return names.some((name) => /^\d+$/.test(name) && inode(proc, `/proc/${name}/ns/pid`) === ns);
}
/**
 * A shell opens only in a container that exists: a mount namespace and a PID namespace that are not
 * the host's (hostPid's), and, for a shell forked into the PID namespace, a PID 1 already in it — else
 * the shell itself would become PID 1, and the namespace would die with it.
 */
export function shellVerdict(proc, hostPid, place) {
    const ns = (pid, name) => inode(proc, `/proc/${pid}/ns/${name}`);
    const pidNs = ns(place.pid, place.via === 'fork' ? 'pid_for_children' : 'pid');
    const hostPidNs = ns(hostPid, 'pid');
    const missing = [];
    const mnt = ns(place.pid, 'mnt');
    if (mnt === null || mnt === ns(hostPid, 'mnt'))
        missing.push('own mnt namespace');
    // After unshare(CLONE_NEWPID) the kernel shows no pid_for_children link until the namespace has
    // its first process (its child_reaper): a live process with no such link has a PID namespace waiting for PID 1.
    if (place.via === 'fork' && pidNs === null && mnt !== null)
        missing.push('PID 1');
    else if (pidNs === null || pidNs === hostPidNs)
        missing.push('own pid namespace');
    else if (place.via === 'fork' && !pidNamespaceHasMembers(proc, pidNs))
        missing.push('PID 1');
    if (missing.length > 0 || pidNs === null)
        return { ok: false, place, missing };
    const own = NS_TYPES.filter((type) => {
        const mine = type === 'pid' ? pidNs : ns(place.pid, type);
        const host = ns(hostPid, type);
        return mine !== null && host !== null && mine !== host;
    });
    // the proc mounted at the container's /proc shows its own PID namespace when its PID 1 is in it
    const freshProc = inode(proc, `/proc/${place.pid}/root/proc/1/ns/pid`) !== pidNs;
    return { ok: true, place, own, freshProc };
}
