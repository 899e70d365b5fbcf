// cgroup v1: one hierarchy per controller, each with its own directory and file names (cgroups(7)).
import { join } from 'node:path';
import { LabError } from '../errors.js';
import { realSys } from '../sys/real.js';
import { fileRows, hasFile, readKey, readLimit, readNumber, readProcs } from './files.js';
export class V1Driver {
    dirs;
    fs;
    version = 'v1';
    /** dirs: the container's directory in each controller's hierarchy (cpu and cpuacct may share one); fs: how their files are read */
    constructor(dirs, fs = realSys) {
        this.dirs = dirs;
        this.fs = fs;
    }
    dir(controller) {
        const dir = this.dirs[controller];
        if (!dir) {
            throw new LabError(`the ${controller} controller is not mounted on this cgroup v1 host`, `mount its hierarchy: mkdir -p /sys/fs/cgroup/${controller} && mount -t cgroup -o ${controller} cgroup /sys/fs/cgroup/${controller}`);
        }
        return dir;
    }
    /*
     * memory.memsw.limit_in_bytes (memory + swap) may never be below memory.limit_in_bytes: the
     * kernel refuses such a write with EINVAL (Documentation/admin-guide/cgroup-v1/memory.rst).
     * So when lowering, the memory limit goes first; when raising, memsw does. The file exists only
     * with swap accounting on; without it a host with swap may page the hog out instead of killing it.
     */
    *memoryLimitWrites(bytes) {
        const dir = this.dir('memory');
        const value = bytes === null ? '-1' : String(bytes);
        const limit = join(dir, 'memory.limit_in_bytes');
        if (!hasFile(this.fs, dir, 'memory.memsw.limit_in_bytes')) {
            yield { path: limit, value };
            return;
        }
        const now = readLimit(this.fs, dir, 'memory.limit_in_bytes');
        const lowering = bytes !== null && (now === null || bytes < now);
        const order = lowering ? [limit, join(dir, 'memory.memsw.limit_in_bytes')] : [join(dir, 'memory.memsw.limit_in_bytes'), limit];
        for (const path of order)
            yield { path, value };
    }
    memory() {
        const dir = this.dir('memory');
        return {
            limit: readLimit(this.fs, dir, 'memory.limit_in_bytes'),
            usage: readNumber(this.fs, dir, 'memory.usage_in_bytes'),
            peak: readNumber(this.fs, dir, 'memory.max_usage_in_bytes'),
            // memory.oom_control gained the oom_kill counter in Linux 4.13
            oomKills: readKey(this.fs, dir, 'memory.oom_control', 'oom_kill'),
        };
    }
    *cpuQuotaWrites(quotaUs, periodUs) {
        const dir = this.dir('cpu');
        yield { path: join(dir, 'cpu.cfs_period_us'), value: String(periodUs) };
        yield { path: join(dir, 'cpu.cfs_quota_us'), value: quotaUs === null ? '-1' : String(quotaUs) };
    }
    /** v1 counts CPU time in ns: cpuacct.usage and cpu.stat's throttled_time. */
    cpu() {
        const dir = this.dir('cpu');
        const key = (k) => readKey(this.fs, dir, 'cpu.stat', k);
        return {
            quotaUs: readLimit(this.fs, dir, 'cpu.cfs_quota_us'),
            periodUs: readNumber(this.fs, dir, 'cpu.cfs_period_us'),
            usageUs: Math.round(readNumber(this.fs, this.dir('cpuacct'), 'cpuacct.usage') / 1000),
            periods: key('nr_periods'),
            throttled: key('nr_throttled'),
            throttledUs: Math.round(key('throttled_time') / 1000),
        };
    }
    *pidsMaxWrites(max) {
        yield { path: join(this.dir('pids'), 'pids.max'), value: max === null ? 'max' : String(max) };
    }
    pids() {
        const dir = this.dir('pids');
        return { max: readLimit(this.fs, dir, 'pids.max'), current: readNumber(this.fs, dir, 'pids.current'), refused: readKey(this.fs, dir, 'pids.events', 'max') };
    }
    processes() {
        return [...new Set(Object.values(this.dirs).flatMap((d) => (d ? readProcs(this.fs, d) : [])))];
    }
    describeFiles() {
        const rows = (c, wanted) => (this.dirs[c] ? fileRows(this.fs, this.dirs[c], wanted) : []);
        return [
            ...rows('memory', [
                ['memory.limit_in_bytes', 'memory limit'],
                ['memory.memsw.limit_in_bytes', 'memory+swap limit'],
                ['memory.usage_in_bytes', 'usage'],
                ['memory.max_usage_in_bytes', 'peak usage'],
                ['memory.oom_control', 'OOM kills'],
            ]),
            ...rows('cpu', [
                ['cpu.cfs_quota_us', 'CPU limit'],
                ['cpu.cfs_period_us', 'CPU period'],
                ['cpu.stat', 'throttled periods'],
            ]),
            ...rows('cpuacct', [['cpuacct.usage', 'CPU time used (ns)']]),
            ...rows('pids', [
                ['pids.max', 'process limit'],
                ['pids.current', 'processes'],
                ['pids.events', 'forks refused'],
            ]),
        ];
    }
}
