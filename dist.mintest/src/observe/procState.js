// Tiny /proc readers for a process that may be gone at any moment: its state letter and its name.
import { readFileSync } from 'node:fs';
import { readProcStat } from './procStat.js';
export function readOrNull(path) {
    try {
        return readFileSync(path, 'utf8');
    }
    catch {
        return null;
    }
}
/** The process state letter (R, S, Z…) from /proc/<pid>/stat (proc(5) field 3), or null when gone. */
export function procState(pid) {
    return readProcStat('/', pid)?.state ?? null;
}
/** The process exists and has not exited (a zombie, Z, or dead, X, has: proc(5) stat field 3). */
export function isRunning(pid) {
    const state = procState(pid);
    return state !== null && state !== 'Z' && state !== 'X';
}
/** /proc/<pid>/comm, or "?" when gone. */
export function procComm(pid) {
    return readOrNull(`/proc/${pid}/comm`)?.trim() ?? '?';
}
