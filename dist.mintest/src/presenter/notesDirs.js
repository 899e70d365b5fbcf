// The app's notes directories (notes-<random>: notes.sock and an owner file) under the state root: made, found live, removed dead.
import { mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ensurePrivateRoot, processStartTime, sessionIsAlive, sessionOwner, stateRoot } from '../stateRoot.js';
export const NOTES_PREFIX = 'notes-';
/** where a directory is made before it has its owner file: a viewer never sees it half made */
const MAKING_PREFIX = '.making-notes-';
export const NOTES_SOCKET = 'notes.sock';
/** a directory still being made after this long was left by an app that died making it */
const MAKING_GRACE_MS = 10_000;
/** A new notes directory of this process under `root`: mode 0700, its owner file (PID and start time) in it. */
export function createNotesDir(root) {
    ensurePrivateRoot(root);
    const making = mkdtempSync(join(root, MAKING_PREFIX));
    chmodSync(making, 0o700);
    writeFileSync(join(making, 'owner'), `${process.pid} ${processStartTime(process.pid) ?? ''}\n`);
    const dir = join(root, NOTES_PREFIX + basename(making).slice(MAKING_PREFIX.length));
    renameSync(making, dir);
    return dir;
}
/** The notes directories whose app still runs, newest app first. */
export function liveNotesDirs(root) {
    const out = [];
    for (const name of namesIn(root)) {
        if (!name.startsWith(NOTES_PREFIX))
            continue;
        const dir = join(root, name);
        const owner = sessionOwner(dir);
        if (owner && sessionIsAlive(dir))
            out.push({ dir, socket: join(dir, NOTES_SOCKET), pid: owner.pid, start: Number(owner.start) });
    }
    return out.sort((a, b) => b.start - a.start).map(({ dir, socket, pid }) => ({ dir, socket, pid }));
}
/**
 * Removes the notes directories of apps that are gone (a crash, a SIGKILL): the next app, viewer
 * or `cleanup` does. A directory still being made is left alone unless it is old.
 */
export function removeDeadNotesDirs(root = stateRoot(), now = Date.now()) {
    const removed = [];
    for (const name of namesIn(root)) {
        const making = name.startsWith(MAKING_PREFIX);
        if (!making && !name.startsWith(NOTES_PREFIX))
            continue;
        const dir = join(root, name);
        try {
            if (sessionIsAlive(dir))
                continue;
            if (making && sessionOwner(dir) === null && now - statSync(dir).mtimeMs < MAKING_GRACE_MS)
                continue;
            rmSync(dir, { recursive: true, force: true });
            removed.push(dir);
        }
        catch {
            // gone meanwhile, or not ours to remove
        }
    }
    return removed;
}
function namesIn(root) {
    try {
        return readdirSync(root);
    }
    catch {
        return [];
    }
}
