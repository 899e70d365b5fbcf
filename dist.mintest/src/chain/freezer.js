// Whether the kernel holds a process frozen: its freezer cgroup's state, v1 (freezer.state) or v2 (cgroup.events).
import { join } from 'node:path';
import { parseMountinfo } from '../observe/parse/mountinfo.js';
/**
 * The freezer of the process's cgroup, as runc pause leaves it: on a host with a v1 freezer
 * hierarchy (hybrid included) runc writes FROZEN to freezer.state there; on cgroup v2 it writes
 * 1 to cgroup.freeze, and cgroup.events says "frozen 1" once every task has stopped.
 * Null when the process is gone or its cgroup is in no mounted hierarchy.
 */
export function readFreezer(sys, pid) {
    let lines;
    try {
        lines = sys.readFile(`/proc/${pid}/cgroup`).split('\n').filter(Boolean);
    }
    catch {
        return null;
    }
    const mounts = parseMountinfo(sys.readFile('/proc/self/mountinfo'));
    const v1 = lines.map((l) => l.split(':')).find((f) => f[1].split(',').includes('freezer'));
    if (v1) {
        const mount = mounts.find((m) => m.fsType === 'cgroup' && m.superOptions.split(',').includes('freezer') && m.root === '/');
        if (!mount)
            return null;
        const file = join(mount.mountPoint, v1.slice(2).join(':'), 'freezer.state');
        const value = sys.readFile(file).trim();
        return { frozen: value === 'FROZEN', file, value };
    }
    const v2 = lines.find((l) => l.startsWith('0::'));
    const mount = mounts.find((m) => m.fsType === 'cgroup2' && m.root === '/');
    if (!v2 || !mount)
        return null;
    const file = join(mount.mountPoint, v2.slice(3), 'cgroup.events');
    const value = /^frozen \d$/m.exec(sys.readFile(file))?.[0] ?? 'frozen ?';
    return { frozen: value === 'frozen 1', file, value };
}
