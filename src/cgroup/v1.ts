// cgroup v1: one hierarchy per controller, each with its own directory and file names (cgroups(7)).
import { join } from 'node:path';
import { LabError } from '../errors.js';
import { realSys } from '../sys/real.js';
import type { Sys } from '../sys/types.js';
import { fileRows, hasFile, readKey, readLimit, readNumber, readProcs } from './files.js';
import type { CgroupDriver, Controller, CpuState, MemoryState, PidsState } from './types.js';
import type { CgroupFile } from '../types.js';

export class V1Driver implements CgroupDriver {
  readonly version = 'v1' as const;

  /** dirs: the container's directory in each controller's hierarchy (cpu and cpuacct may share one) */
  constructor(readonly dirs: Partial<Record<Controller, string>>, private readonly sys: Sys = realSys) {}

  dir(controller: Controller): string {
    const dir = this.dirs[controller];
    if (!dir) {
      throw new LabError(`the ${controller} controller is not mounted on this cgroup v1 host`,
        `mount its hierarchy: mkdir -p /sys/fs/cgroup/${controller} && mount -t cgroup -o ${controller} cgroup /sys/fs/cgroup/${controller}`);
    }
    return dir;
  }

  /*
   * memory.memsw.limit_in_bytes (memory + swap) may never be below memory.limit_in_bytes: the
   * kernel refuses such a write with EINVAL (Documentation/admin-guide/cgroup-v1/memory.rst).
   * So when lowering, the memory limit goes first; when raising, memsw does. The file exists only
   * with swap accounting on; without it a host with swap may page the hog out instead of killing it.
   */
  setMemoryLimit(bytes: number | null): void {
    const dir = this.dir('memory');
    const value = bytes === null ? '-1' : String(bytes);
    const limit = join(dir, 'memory.limit_in_bytes');
    if (!hasFile(dir, 'memory.memsw.limit_in_bytes')) return this.sys.writeFile(limit, value);
    const now = readLimit(dir, 'memory.limit_in_bytes');
    const lowering = bytes !== null && (now === null || bytes < now);
    const order = lowering ? [limit, join(dir, 'memory.memsw.limit_in_bytes')] : [join(dir, 'memory.memsw.limit_in_bytes'), limit];
    for (const file of order) this.sys.writeFile(file, value);
  }

  memory(): MemoryState {
    const dir = this.dir('memory');
    return {
      limit: readLimit(dir, 'memory.limit_in_bytes'),
      usage: readNumber(dir, 'memory.usage_in_bytes'),
      peak: readNumber(dir, 'memory.max_usage_in_bytes'),
      // memory.oom_control gained the oom_kill counter in Linux 4.13
      oomKills: readKey(dir, 'memory.oom_control', 'oom_kill'),
    };
  }

  setCpuQuota(quotaUs: number | null, periodUs: number): void {
    const dir = this.dir('cpu');
    this.sys.writeFile(join(dir, 'cpu.cfs_period_us'), String(periodUs));
    this.sys.writeFile(join(dir, 'cpu.cfs_quota_us'), quotaUs === null ? '-1' : String(quotaUs));
  }

  /** v1 counts CPU time in ns: cpuacct.usage and cpu.stat's throttled_time. */
  cpu(): CpuState {
    const dir = this.dir('cpu');
    const key = (k: string) => readKey(dir, 'cpu.stat', k);
    return {
      quotaUs: readLimit(dir, 'cpu.cfs_quota_us'),
      periodUs: readNumber(dir, 'cpu.cfs_period_us'),
      usageUs: Math.round(readNumber(this.dir('cpuacct'), 'cpuacct.usage') / 1000),
      periods: key('nr_periods'),
      throttled: key('nr_throttled'),
      throttledUs: Math.round(key('throttled_time') / 1000),
    };
  }

  setPidsMax(max: number | null): void {
    this.sys.writeFile(join(this.dir('pids'), 'pids.max'), max === null ? 'max' : String(max));
  }

  pids(): PidsState {
    const dir = this.dir('pids');
    return { max: readLimit(dir, 'pids.max'), current: readNumber(dir, 'pids.current'), refused: readKey(dir, 'pids.events', 'max') };
  }

  processes(): number[] {
    return [...new Set(Object.values(this.dirs).flatMap((d) => (d ? readProcs(d) : [])))];
  }

  describeFiles(): CgroupFile[] {
    const rows = (c: Controller, wanted: Array<[string, string]>) => (this.dirs[c] ? fileRows(this.dirs[c]!, wanted) : []);
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
