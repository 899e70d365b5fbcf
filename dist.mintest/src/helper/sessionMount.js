// The session directory as a tmpfs of its own, mounted without noexec: a lesson runs programs from the rootfs, bundles and layers in it.
import { umount2, mount } from '../../native/kernel.js';
import { MNT_DETACH, MS } from '../../native/constants.js';
import { readMountinfo } from '../observe/sample.js';
/** The source name of the lab's tmpfs in the mount table: what `findmnt` and lab-leaks show. */
export const SESSION_FS_SOURCE = 'container-lab';
/**
 * Stock Debian and Ubuntu mount /run (often /tmp and /dev/shm) noexec,nosuid,nodev, and a bind
 * mount keeps its source mount's flags (mount(2): only MS_REMOUNT|MS_BIND changes them), so a
 * rootfs bind-mounted from /run/container-lab, and runc's bundle rootfs there, cannot execute
 * anything (execve(2): EACCES). A tmpfs of our own at the session directory is a new mount with
 * the flags we give it: no noexec; nosuid and nodev as /run has them (the lessons need neither:
 * runc and docker mount their own /dev). Root only (a mount in the host's namespace). Its
 * mount event propagates like any mount under a shared /run, and so does its unmount.
 * Returns false when the mount is refused: the directory is used as it is.
 */
export function mountSessionTmpfs(dir) {
    try {
        mount(SESSION_FS_SOURCE, dir, 'tmpfs', MS.NOSUID | MS.NODEV, 'mode=0700');
        return true;
    }
    catch {
        return false;
    }
}
/** Whether dir is itself a mount point of the lab's tmpfs, in this process's mount table (root: a fixture tree's). */
export function isSessionTmpfs(dir, root = '/', pid = process.pid) {
    return readMountinfo(root, pid).some((m) => m.mountPoint === dir && m.fsType === 'tmpfs' && m.source === SESSION_FS_SOURCE);
}
/**
 * Detaches the session's tmpfs (MNT_DETACH: a process still in it cannot keep it on the host's
 * mount table); its files go with its last reference. Mounts under it are the caller's to
 * detach first. True when dir was such a mount.
 */
export function unmountSessionTmpfs(dir) {
    if (!isSessionTmpfs(dir))
        return false;
    umount2(dir, MNT_DETACH);
    return true;
}
