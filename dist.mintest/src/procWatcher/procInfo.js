// Reads a process's parent, name and command line from /proc, tolerating that it may already be gone.
import { closeSync, openSync, readSync } from 'node:fs';
import { parseProcStat } from '../observe/parse/stat.js';
export const CMDLINE_MAX = 1000;
/** NUL-separated argv → words joined by spaces, cut at `max` characters. */
export function formatCmdline(raw, max = CMDLINE_MAX) {
    const text = typeof raw === 'string' ? raw : raw.toString('utf8');
    return text.replace(/\0+$/, '').replace(/\0/g, ' ').slice(0, max);
}
const scratch = Buffer.alloc(4096);
/**
 * One open/read/close into a reused buffer: procfs files report size 0, so readFileSync would
 * fstat and grow a buffer in steps, several times slower. 4 KiB holds any stat line and more than
 * the CMDLINE_MAX characters of a command line we keep.
 */
function read(path) {
    let fd;
    try {
        fd = openSync(path, 'r');
    }
    catch {
        return null; // exited (and reaped) between the event and this read
    }
    try {
        const n = readSync(fd, scratch, 0, scratch.length, 0);
        return Buffer.from(scratch.subarray(0, n));
    }
    catch {
        return null; // ESRCH: exited while we read
    }
    finally {
        closeSync(fd);
    }
}
/** cmdline first: it is what a short-lived process loses first (at exit, before /proc/<pid> goes). */
export function readProcInfo(pid, root = '/proc') {
    const cmdline = read(`${root}/${pid}/cmdline`);
    const stat = read(`${root}/${pid}/stat`);
    const parsed = stat ? parseProcStat(stat.toString('utf8')) : null;
    if (!parsed)
        return cmdline === null ? null : { ppid: 0, comm: '', cmdline: formatCmdline(cmdline) };
    return { ppid: parsed.ppid, comm: parsed.comm, cmdline: cmdline ? formatCmdline(cmdline) : '' };
}
