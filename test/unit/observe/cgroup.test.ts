// /proc/<pid>/cgroup and cgroup control-file parsers on captured v1 and hand-written v2 files.
import { describe, expect, it } from 'vitest';
import { parseCgroupKeyValue, parseCgroupLimit, parseCpuMax, parseProcCgroup } from '../../../src/observe/parse/cgroup.js';
import { fixture, H, HYBRID, V, V2 } from './fixtures.js';

const V1 = 'sys/fs/cgroup';
const LAB = '/user.slice/user-1000.slice/user@1000.service/container-lab/lab-demo';
const SESSION = '/user.slice/user-1000.slice/session-3.scope';

describe('parseProcCgroup', () => {
  it('reads a hybrid host membership (captured)', () => {
    const c = parseProcCgroup(fixture(HYBRID, `proc/${H.container}/cgroup`));
    expect(c).toHaveLength(10);
    expect(c[0]).toEqual({ hierarchyId: 9, controllers: ['name=systemd'], path: '/' });
    expect(c.find((e) => e.controllers.includes('memory'))).toEqual({ hierarchyId: 4, controllers: ['memory'], path: '/container-lab-fixture' });
    expect(c[9]).toEqual({ hierarchyId: 0, controllers: [], path: '/' });
  });

  it('reads a pure v2 membership', () => {
    expect(parseProcCgroup(fixture(V2, `proc/${V.shell}/cgroup`))).toEqual([{ hierarchyId: 0, controllers: [], path: SESSION }]);
  });

  it('splits co-mounted controllers and keeps colons in the path', () => {
    expect(parseProcCgroup('4:cpu,cpuacct:/kubepods/slice:cri-containerd:abc\n')).toEqual([
      { hierarchyId: 4, controllers: ['cpu', 'cpuacct'], path: '/kubepods/slice:cri-containerd:abc' },
    ]);
  });

  it('throws on a malformed line', () => {
    expect(() => parseProcCgroup('0::/\nmemory:/x\n')).toThrow(/line 2/);
    expect(() => parseProcCgroup('a:b:/c')).toThrow(/line 1/);
  });
});

describe('parseCgroupKeyValue', () => {
  it('reads v1 memory.stat and memory.oom_control (captured)', () => {
    const stat = parseCgroupKeyValue(fixture(HYBRID, `${V1}/memory/container-lab-fixture/memory.stat`));
    expect(Object.keys(stat)).toHaveLength(42);
    expect(stat.hierarchical_memory_limit).toBe(67108864);
    expect(stat.rss).toBe(221184);
    expect(stat.hierarchical_memsw_limit).toBe(9223372036854771712); // beyond 2^53: approximate
    expect(parseCgroupKeyValue(fixture(HYBRID, `${V1}/memory/container-lab-fixture/memory.oom_control`))).toEqual({
      oom_kill_disable: 0,
      under_oom: 0,
      oom_kill: 0,
    });
  });

  it('reads v1 cpu.stat, which counts throttled time in ns (captured)', () => {
    expect(parseCgroupKeyValue(fixture(HYBRID, `${V1}/cpu/container-lab-fixture/cpu.stat`))).toEqual({
      nr_periods: 3,
      nr_throttled: 1,
      throttled_time: 13150321,
      nr_bursts: 0,
      burst_time: 0,
    });
  });

  it('reads v2 memory.events and cpu.stat', () => {
    const events = parseCgroupKeyValue(fixture(V2, `sys/fs/cgroup${LAB}/memory.events`));
    expect(events).toEqual({ low: 0, high: 0, max: 14, oom: 1, oom_kill: 1, oom_group_kill: 0 });
    const cpu = parseCgroupKeyValue(fixture(V2, `sys/fs/cgroup${LAB}/cpu.stat`));
    expect([cpu.nr_throttled, cpu.throttled_usec, cpu['core_sched.force_idle_usec']]).toEqual([19, 942117, 0]);
  });

  it('throws on lines that are not "key number"', () => {
    expect(() => parseCgroupKeyValue('some avg10=0.00 avg60=0.00 avg300=0.00 total=0\n')).toThrow(/line 1/);
    expect(parseCgroupKeyValue('')).toEqual({});
  });
});

describe('parseCgroupLimit', () => {
  it('reads numeric limits (captured v1, v2)', () => {
    expect(parseCgroupLimit(fixture(HYBRID, `${V1}/memory/container-lab-fixture/memory.limit_in_bytes`))).toBe(67108864);
    expect(parseCgroupLimit(fixture(HYBRID, `${V1}/pids/container-lab-fixture/pids.max`))).toBe(32);
    expect(parseCgroupLimit(fixture(HYBRID, `${V1}/memory/container-lab-fixture/memory.usage_in_bytes`))).toBe(1654784);
    expect(parseCgroupLimit(fixture(V2, `sys/fs/cgroup${LAB}/memory.max`))).toBe(67108864);
    expect(parseCgroupLimit(fixture(V2, `sys/fs/cgroup${LAB}/pids.current`))).toBe(3);
  });

  it('reads every spelling of "no limit" as null', () => {
    expect(parseCgroupLimit(fixture(V2, `sys/fs/cgroup${SESSION}/memory.max`))).toBeNull();
    expect(parseCgroupLimit(fixture(V2, `sys/fs/cgroup${SESSION}/pids.max`))).toBeNull();
    // v1 memory root (captured): LONG_MAX rounded down to 4 KiB pages
    expect(fixture(HYBRID, `${V1}/memory/memory.limit_in_bytes`).trim()).toBe('9223372036854771712');
    expect(parseCgroupLimit(fixture(HYBRID, `${V1}/memory/memory.limit_in_bytes`))).toBeNull();
    expect(parseCgroupLimit('9223372036854710272\n')).toBeNull(); // 64 KiB pages
    expect(parseCgroupLimit('-1\n')).toBeNull(); // v1 cpu.cfs_quota_us
    expect(parseCgroupLimit('9223372036854000000')).toBe(9223372036854000000);
  });

  it('throws on anything else', () => {
    expect(() => parseCgroupLimit('50000 100000')).toThrow(/"max"/);
    expect(() => parseCgroupLimit('')).toThrow();
  });
});

describe('parseCpuMax', () => {
  it('reads a quota and "max"', () => {
    expect(parseCpuMax(fixture(V2, `sys/fs/cgroup${LAB}/cpu.max`))).toEqual({ quotaUs: 50000, periodUs: 100000 });
    expect(parseCpuMax('max 100000\n')).toEqual({ quotaUs: null, periodUs: 100000 });
    expect(() => parseCpuMax('max')).toThrow(/cpu.max/);
  });
});
