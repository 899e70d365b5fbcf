// What a recording says of the host it was made on: date, kernel, architecture, cgroup layout, app version (Linux only: read at record time).
import { machine, release } from 'node:os';
import { cgroupHierarchies } from '../cgroup/session.js';
import { packageVersion } from '../sys/packageRoot.js';
/** The cgroup layout in the banner's words: "v2 (systemd)", "v2", "v1 hybrid", "v1" or "none". */
export function cgroupLayoutWords(h) {
    if (h.mode === 'v2')
        return h.systemd ? 'v2 (systemd)' : 'v2';
    if (h.mode === 'hybrid')
        return 'v1 hybrid';
    return h.mode;
}
export function hostFacts(date = new Date()) {
    let cgroup = 'unknown';
    try {
        cgroup = cgroupLayoutWords(cgroupHierarchies());
    }
    catch {
        // no /proc to read: the recording says so rather than failing
    }
    return { app: packageVersion(), date: date.toISOString(), kernel: release(), arch: machine(), cgroup };
}
