import { errnoText } from './errno.js';
/** Quotes a string argument the way strace does. */
export function quote(value) {
    return value === null ? 'NULL' : JSON.stringify(value);
}
export class SyscallLog {
    entries = [];
    record(call, args, ret, errno, ms) {
        const entry = { t: Date.now(), call, args, ret: String(ret), pid: process.pid };
        if (errno) {
            entry.errno = errno;
            entry.message = errnoText(errno);
        }
        if (ms !== undefined)
            entry.ms = Math.round(ms * 1000) / 1000;
        this.entries.push(entry);
        return entry;
    }
    /** Hands over what was recorded since the last call. */
    drain() {
        const out = this.entries;
        this.entries = [];
        return out;
    }
}
/** The process-wide log the kernel wrappers write to. */
export const syscallLog = new SyscallLog();
