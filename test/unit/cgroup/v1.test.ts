// The cgroup v1 driver on a copy of the captured hybrid host: v1 file names, write order, units.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { V1Driver } from '../../../src/cgroup/v1.js';
import { HYBRID } from '../observe/fixtures.js';
import { apply, copyTree, put, writes } from './tree.js';

const MEM = 'sys/fs/cgroup/memory/container-lab-fixture';
const CPU = 'sys/fs/cgroup/cpu/container-lab-fixture';
const PIDS = 'sys/fs/cgroup/pids/container-lab-fixture';

function driver(withMemsw = false) {
  const root = copyTree(HYBRID);
  if (withMemsw) put(root, `${MEM}/memory.memsw.limit_in_bytes`, '9223372036854771712\n');
  const d = new V1Driver({ memory: join(root, MEM), cpu: join(root, CPU), pids: join(root, PIDS) });
  return { root, d };
}

describe('V1Driver on the captured hybrid host', () => {
  it('maps each operation to its v1 file', () => {
    const { root, d } = driver();
    apply(d.memoryLimitWrites(32 * 1024 * 1024));
    apply(d.cpuQuotaWrites(20000, 100000));
    apply(d.pidsMaxWrites(24));
    apply(d.cpuQuotaWrites(null, 100000));
    apply(d.memoryLimitWrites(null));
    expect(writes(root)).toEqual([
      [`${MEM}/memory.limit_in_bytes`, '33554432'],
      [`${CPU}/cpu.cfs_period_us`, '100000'],
      [`${CPU}/cpu.cfs_quota_us`, '20000'],
      [`${PIDS}/pids.max`, '24'],
      [`${CPU}/cpu.cfs_period_us`, '100000'],
      [`${CPU}/cpu.cfs_quota_us`, '-1'],
      [`${MEM}/memory.limit_in_bytes`, '-1'],
    ]);
  });

  it('keeps memory.memsw.limit_in_bytes ≥ memory.limit_in_bytes: lowering writes the memory limit first, raising memsw first', () => {
    const { root, d } = driver(true);
    apply(d.memoryLimitWrites(32 * 1024 * 1024)); // from 64 MiB: lowering
    expect(writes(root)).toEqual([[`${MEM}/memory.limit_in_bytes`, '33554432'], [`${MEM}/memory.memsw.limit_in_bytes`, '33554432']]);
    apply(d.memoryLimitWrites(128 * 1024 * 1024)); // raising
    expect(writes(root)).toEqual([[`${MEM}/memory.memsw.limit_in_bytes`, '134217728'], [`${MEM}/memory.limit_in_bytes`, '134217728']]);
    apply(d.memoryLimitWrites(null));
    expect(writes(root)).toEqual([[`${MEM}/memory.memsw.limit_in_bytes`, '-1'], [`${MEM}/memory.limit_in_bytes`, '-1']]);
  });

  it('reads the captured values, converting v1\'s nanoseconds to µs', () => {
    const { root, d } = driver();
    expect(d.memory()).toEqual({ limit: 64 * 1024 * 1024, usage: 1654784, peak: 2187264, oomKills: 0 });
    expect(d.pids()).toEqual({ max: 32, current: 2, refused: 0 });
    expect(d.processes()).toEqual([6766, 6771]);
    // cpuacct was not captured for this cgroup: without it there is no CPU usage to read
    expect(() => d.cpu()).toThrow(/cpuacct controller is not mounted/);
    put(root, 'sys/fs/cgroup/cpu/container-lab-fixture/cpuacct.usage', '575123456\n');
    const both = new V1Driver({ cpu: join(root, CPU), cpuacct: join(root, CPU) });
    expect(both.cpu()).toEqual({ quotaUs: 50000, periodUs: 100000, usageUs: 575123, periods: 3, throttled: 1, throttledUs: 13150 });
  });

  it('describes the v1 files that exist, each in its own hierarchy', () => {
    const { root, d } = driver();
    const files = d.describeFiles();
    expect(files.map((f) => [f.name, f.dir.slice(root.length + 1)])).toEqual([
      ['memory.limit_in_bytes', MEM],
      ['memory.usage_in_bytes', MEM],
      ['memory.max_usage_in_bytes', MEM],
      ['memory.oom_control', MEM],
      ['cpu.cfs_quota_us', CPU],
      ['cpu.cfs_period_us', CPU],
      ['cpu.stat', CPU],
      ['pids.max', PIDS],
      ['pids.current', PIDS],
      ['pids.events', PIDS],
    ]);
    expect(files.find((f) => f.name === 'memory.oom_control')).toMatchObject({ meaning: 'OOM kills', value: 'oom_kill_disable 0\nunder_oom 0\noom_kill 0' });
  });
});
