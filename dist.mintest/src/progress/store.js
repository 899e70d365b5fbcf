// The progress file: read (a corrupt or unreadable one is moved aside with a one-line message), merged and written atomically, owned by the invoking user under sudo.
import { chownSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, realpathSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { emptyProgress, mergeSeen, progressSchema } from './schema.js';
/** 2026-12-07T15:55:11.123Z → 20261207T155511123Z: a file name part that sorts by time */
function stamp(now) {
    return now.toISOString().replace(/[-:.]/g, '');
}
function why(error) {
    const e = error;
    if (e.code)
        return e.code === 'EACCES' ? 'permission denied' : e.code === 'EISDIR' ? 'it is a directory' : e.code;
    return error instanceof SyntaxError ? 'not JSON' : 'not a progress file this version knows';
}
/** The progress in the file; none yet is empty progress. A file that cannot be used is renamed aside. */
export function readProgress(file, now = new Date()) {
    let text;
    try {
        text = readFileSync(file, 'utf8');
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return { progress: emptyProgress(), message: null };
        return setAside(file, error, now);
    }
    try {
        return { progress: progressSchema.parse(JSON.parse(text)), message: null };
    }
    catch (error) {
        return setAside(file, error, now);
    }
}
function setAside(file, error, now) {
    const aside = `${file}.corrupt-${stamp(now)}`;
    try {
        renameSync(file, aside);
    }
    catch (renameError) {
        return { progress: emptyProgress(), message: `container-lab: the progress file ${file} cannot be read (${why(error)}) nor moved aside (${why(renameError)}); progress is not kept this time` };
    }
    return { progress: emptyProgress(), message: `container-lab: the progress file could not be read (${why(error)}); it is kept as ${basename(aside)} and progress starts afresh` };
}
/** Makes `dir` and its missing parents, each owned by `owner` when given (before anything goes in). */
function makeDirs(dir, owner) {
    if (existsSync(dir))
        return;
    makeDirs(dirname(dir), owner);
    try {
        mkdirSync(dir, { mode: 0o755 });
    }
    catch (error) {
        if (error.code !== 'EEXIST')
            throw error;
        return; // another app made it meanwhile
    }
    if (owner)
        chownSync(dir, owner.uid, owner.gid);
}
/**
 * Replaces the file with `progress` so that a reader sees the old file or the new one, never part:
 * a temporary file beside it, flushed, (chowned,) renamed over it, and the directory flushed.
 */
export function writeProgress(loc, progress) {
    const dir = dirname(loc.file);
    makeDirs(dir, loc.owner);
    // as root for another user: no symlink in the path may lead the rename elsewhere
    if (loc.owner && realpathSync(dir) !== dir)
        throw new Error(`${dir} goes through a symbolic link: progress is not written there as root`);
    const temp = `${loc.file}.${process.pid}.tmp`;
    try {
        unlinkSync(temp); // a crashed write of an earlier process with this PID (or a symlink): never written through
    }
    catch {
        // none
    }
    const fd = openSync(temp, 'wx', 0o644);
    try {
        writeSync(fd, JSON.stringify(progress, null, 2) + '\n');
        fsyncSync(fd);
    }
    finally {
        closeSync(fd);
    }
    try {
        if (loc.owner)
            chownSync(temp, loc.owner.uid, loc.owner.gid);
        renameSync(temp, loc.file);
    }
    catch (error) {
        try {
            unlinkSync(temp);
        }
        catch {
            // gone already
        }
        throw error;
    }
    const dirFd = openSync(dir, 'r');
    try {
        fsyncSync(dirFd);
    }
    finally {
        closeSync(dirFd);
    }
}
/**
 * Merges what the app saw of one lesson into the file as it is now (another app may have written
 * other lessons meanwhile) and writes it. Returns the message of a file that had to be moved aside.
 */
export function recordSeen(loc, lessonId, seen) {
    const { progress, message } = readProgress(loc.file);
    progress.lessons[lessonId] = mergeSeen(progress.lessons[lessonId], seen);
    writeProgress(loc, progress);
    return message;
}
/** Removes the progress file; true when there was one. */
export function removeProgress(file) {
    try {
        unlinkSync(file);
        return true;
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return false;
        throw error;
    }
}
