// cgroup v2: one directory holds every controller's files (Documentation/admin-guide/cgroup-v2.rst).
import { basename, dirname, join } from 'node:path';
import { LabError } from '../errors.js';
import { realSys } from '../sys/real.js';
import { CGROUP_PREFIX } from './names.js';
import { parseCpuMax } from '../observe/parse/cgroup.js';
import { fileRows, hasFile, readKey, readLimit, readNumber, readProcs, readValue } from './files.js';
/*
 * Where the container's processes live on v2: <mount>/container-lab-<session>/container.
 *
 * A controller's files (memory.max, cpu.max, pids.max) appear in a cgroup only when its parent
 * lists the controller in cgroup.subtree_control ("top-down constraint"). And a non-root cgroup
 * that enables controllers for its children may hold no processes itself ("no internal process
 * constraint": writing subtree_control, or moving a process in, fails with EBUSY). So the lab
 * never puts processes in a cgroup it enables controllers in, and never writes the
 * subtree_control of a cgroup it did not make:
 *
 *   /sys/fs/cgroup[/system.slice]        host's (systemd's): its subtree_control decides what reaches us
 *   └─ container-lab-<session>[.scope]/  the lab's own (on systemd a scope delegated to it), no processes: "+memory" goes here
 *      └─ container/                     the leaf: the container's processes and its limits
 *
 * A controller the host does not pass down to container-lab-<session> (not in its
 * cgroup.controllers) cannot be had without changing the host's cgroups: that is an error
 * with a hint, never a write above the lab's directory.
 */
/** How to get a controller the lab's cgroup lacks, for where that cgroup is. */
function passDownHint(controller, parent) {
    const user = /\/user@(\d+)\.service\//.exec(parent);
    if (user) {
        return `systemd delegates too few controllers to your user: sudo systemctl edit user@.service, add "[Service]" and "Delegate=cpu memory pids", then log out and in (https://systemd.io/CGROUP_DELEGATION/)`;
    }
    if (parent.endsWith('.scope'))
        return `systemd did not delegate ${controller} to the lab's scope: see systemctl show -p DelegateControllers ${basename(parent)}`;
    return `as root: echo +${controller} > ${dirname(parent)}/cgroup.subtree_control (on systemd hosts it is usually on already; check ${dirname(parent)}/cgroup.subtree_control)`;
}
export { V2_LEAF } from './names.js';
function words(text) {
    return text.split(/\s+/).filter(Boolean);
}
export class V2Driver {
    leaf;
    fs;
    version = 'v2';
    /** leaf: the directory the container's processes are in; fs: how its files are read */
    constructor(leaf, fs = realSys) {
        this.leaf = leaf;
        this.fs = fs;
    }
    dir() {
        return this.leaf;
    }
    /** Makes the controller's files appear in the leaf, through the parent only if it is the lab's. */
    *enable(controller) {
        if (words(readValue(this.fs, this.leaf, 'cgroup.controllers')).includes(controller))
            return;
        const parent = dirname(this.leaf);
        if (!basename(parent).startsWith(CGROUP_PREFIX)) {
            throw new LabError(`the ${controller} controller is not enabled for ${this.leaf}`, `its parent ${parent} is not the lab's, so the lab leaves it alone: enable it there with echo +${controller} > ${parent}/cgroup.subtree_control`);
        }
        if (!words(readValue(this.fs, parent, 'cgroup.controllers')).includes(controller)) {
            throw new LabError(`the host does not pass the ${controller} controller down to ${parent}`, passDownHint(controller, parent));
        }
        yield { path: join(parent, 'cgroup.subtree_control'), value: `+${controller}` };
    }
    *memoryLimitWrites(bytes) {
        yield* this.enable('memory');
        yield { path: join(this.leaf, 'memory.max'), value: bytes === null ? 'max' : String(bytes) };
        // Without this, a host with swap would page the hog out instead of killing it. Asked only
        // now: the file appears once the memory controller is enabled (the write above).
        if (hasFile(this.fs, this.leaf, 'memory.swap.max'))
            yield { path: join(this.leaf, 'memory.swap.max'), value: bytes === null ? 'max' : '0' };
    }
    memory() {
        return {
            limit: readLimit(this.fs, this.leaf, 'memory.max'),
            usage: readNumber(this.fs, this.leaf, 'memory.current'),
            peak: hasFile(this.fs, this.leaf, 'memory.peak') ? readNumber(this.fs, this.leaf, 'memory.peak') : null,
            oomKills: readKey(this.fs, this.leaf, 'memory.events', 'oom_kill'),
        };
    }
    *cpuQuotaWrites(quotaUs, periodUs) {
        yield* this.enable('cpu');
        yield { path: join(this.leaf, 'cpu.max'), value: `${quotaUs ?? 'max'} ${periodUs}` };
    }
    cpu() {
        const { quotaUs, periodUs } = parseCpuMax(readValue(this.fs, this.leaf, 'cpu.max'));
        const key = (k) => readKey(this.fs, this.leaf, 'cpu.stat', k);
        return { quotaUs, periodUs, usageUs: key('usage_usec'), periods: key('nr_periods'), throttled: key('nr_throttled'), throttledUs: key('throttled_usec') };
    }
    *pidsMaxWrites(max) {
        yield* this.enable('pids');
        yield { path: join(this.leaf, 'pids.max'), value: max === null ? 'max' : String(max) };
    }
    pids() {
        return {
            max: readLimit(this.fs, this.leaf, 'pids.max'),
            current: readNumber(this.fs, this.leaf, 'pids.current'),
            refused: readKey(this.fs, this.leaf, 'pids.events', 'max'),
        };
    }
    processes() {
        return readProcs(this.fs, this.leaf);
    }
    describeFiles() {
        return fileRows(this.fs, this.leaf, [
            ['memory.max', 'memory limit'],
            ['memory.swap.max', 'swap limit'],
            ['memory.current', 'usage'],
            ['memory.peak', 'peak usage'],
            ['memory.events', 'OOM kills'],
            ['cpu.max', 'CPU limit'],
            ['cpu.stat', 'throttled periods'],
            ['pids.max', 'process limit'],
            ['pids.current', 'processes'],
            ['pids.events', 'forks refused'],
        ]);
    }
}
