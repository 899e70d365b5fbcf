// Reads /proc/<pid>/stat under a root path ("/" on a host, a fixture tree in tests), for a process that may be gone.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseProcStat } from './parse/stat.js';
/** The process's stat line, parsed; null when it is gone (or the file cannot be read). */
export function readProcStat(root, pid) {
    try {
        return parseProcStat(readFileSync(join(root, 'proc', String(pid), 'stat'), 'utf8'));
    }
    catch {
        return null;
    }
}
