// The lab's scratch space: a 0700 session directory per run, and the sweep of dead sessions.
import { mkdtempSync, readdirSync, rmSync, writeFileSync, chmodSync, lstatSync } from 'node:fs';
import { join, basename } from 'node:path';
import { ensurePrivateRoot, processStartTime } from '../stateRoot.js';
import { mountSessionTmpfs, unmountSessionTmpfs } from './sessionMount.js';
export const SESSION_PREFIX = 'session-';
/** Made as root: the session directory is a tmpfs of its own, without noexec (sessionMount.ts). */
export function createSessionDir(root, euid = process.geteuid?.() ?? 0) {
    ensurePrivateRoot(root);
    const dir = mkdtempSync(join(root, SESSION_PREFIX));
    chmodSync(dir, 0o700);
    if (euid === 0)
        mountSessionTmpfs(dir);
    writeFileSync(join(dir, 'owner'), `${process.pid} ${processStartTime(process.pid) ?? ''}\n`);
    return { id: basename(dir).slice(SESSION_PREFIX.length).toLowerCase().replace(/[^a-z0-9]/g, 'x'), dir };
}
export function listSessionDirs(root) {
    try {
        return readdirSync(root).filter((n) => n.startsWith(SESSION_PREFIX)).map((n) => join(root, n));
    }
    catch {
        return [];
    }
}
export function sessionIdOf(dir) {
    return basename(dir).slice(SESSION_PREFIX.length).toLowerCase().replace(/[^a-z0-9]/g, 'x');
}
/**
 * Rootless, overlayfs leaves its workdir's own "work" directory mode 000 (owned by the user, as
 * the user namespace's root made it), and rm(1)-style removal cannot enter it: the owner may
 * always chmod(2), so every directory of ours is made 0700 and the removal tried again. Root
 * never needs this (CAP_DAC_OVERRIDE), and never does it: chmod(2) follows a symlink the container
 * could have swapped in between the lstat and the chmod.
 */
export function removeSessionDir(dir, euid = process.geteuid?.() ?? 0) {
    // its tmpfs first, if it has one (mounts under it are the caller's to detach before)
    unmountSessionTmpfs(dir);
    try {
        rmSync(dir, { recursive: true, force: true });
    }
    catch (error) {
        if (euid === 0 || !['EACCES', 'EPERM'].includes(error.code ?? ''))
            throw error;
        openDirs(dir, euid);
        rmSync(dir, { recursive: true, force: true });
    }
}
function openDirs(dir, euid) {
    const st = lstatSync(dir);
    if (!st.isDirectory() || st.uid !== euid)
        return;
    if ((st.mode & 0o700) !== 0o700)
        chmodSync(dir, 0o700);
    for (const name of readdirSync(dir))
        openDirs(join(dir, name), euid);
}
