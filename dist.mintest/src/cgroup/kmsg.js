// Reads the kernel log (/dev/kmsg) for the OOM killer's own report of a kill; best effort.
import { closeSync, constants, openSync, readSync } from 'node:fs';
/*
 * Each read(2) of /dev/kmsg returns one record, "prio,seq,usec,flags;text" (Documentation/ABI/
 * testing/dev-kmsg); EPIPE means records were overwritten while reading, EAGAIN (O_NONBLOCK)
 * means the end. Hosts without /dev/kmsg, or where it is not readable, give nothing.
 */
export function kernelLogLines(match, maxRecords = 20000) {
    let fd;
    try {
        fd = openSync('/dev/kmsg', constants.O_RDONLY | constants.O_NONBLOCK);
    }
    catch {
        return [];
    }
    const buf = Buffer.alloc(16384);
    const out = [];
    try {
        for (let i = 0; i < maxRecords; i++) {
            let n;
            try {
                n = readSync(fd, buf, 0, buf.length, null);
            }
            catch (error) {
                if (error.code === 'EPIPE')
                    continue;
                break;
            }
            if (n <= 0)
                break;
            const record = buf.toString('utf8', 0, n);
            const text = record.slice(record.indexOf(';') + 1).split('\n')[0];
            if (match(text))
                out.push(text);
        }
    }
    finally {
        closeSync(fd);
    }
    return out;
}
/** The OOM killer's line about a PID, e.g. "Memory cgroup out of memory: Killed process 1234 (node) ...". */
export function oomKillReport(pid) {
    const lines = kernelLogLines((t) => t.includes(`Killed process ${pid} (`));
    return lines.length > 0 ? lines[lines.length - 1] : null;
}
