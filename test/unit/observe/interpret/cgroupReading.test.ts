// Unit tests for what a lab cgroup's files say, on the v2 and v1 fixture trees: limits, usage shares, OOM kills, throttling, ranks.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import {
  cgroupPlace,
  cpuShare,
  interpretCgroup,
  interpretCgroupFile,
  isByteFile,
  pairAlert,
  parseBytes,
  parsePairs,
  type CgroupFileReading,
} from '../../../../src/observe/interpret/cgroupReading.js';
import { V1Driver } from '../../../../src/cgroup/v1.js';
import { V2Driver } from '../../../../src/cgroup/v2.js';
import type { CgroupFile } from '../../../../src/types.js';
import { HYBRID, V2 } from '../fixtures.js';

/** The lab cgroup of host-v2: 64 MiB, 32 pids, 50 ms per 100 ms, one OOM kill, throttled 19 of 41 periods. */
const v2Files = (): CgroupFile[] => new V2Driver(join(V2, 'sys/fs/cgroup/user.slice/user-1000.slice/user@1000.service/container-lab/lab-demo')).describeFiles();
/** The lab cgroup of host-hybrid, one directory per v1 hierarchy (memory, cpu, pids have files): 64 MiB, 50 ms per 100 ms, throttled 1 of 3. */
const v1Files = (): CgroupFile[] => {
  const dir = (c: string) => join(HYBRID, 'sys/fs/cgroup', c, 'container-lab-fixture');
  return new V1Driver({ memory: dir('memory'), cpu: dir('cpu'), cpuacct: dir('cpuacct'), pids: dir('pids') }).describeFiles();
};

const reading = (files: CgroupFile[], name: string): CgroupFileReading => {
  const r = interpretCgroup(files).files.find((f) => f.file.name === name);
  if (!r) throw new Error(`no ${name}`);
  return r;
};

describe('values', () => {
  it('knows byte files by name and both ways of saying "no limit"', () => {
    expect(['memory.max', 'memory.current', 'memory.limit_in_bytes', 'memory.memsw.usage_in_bytes'].every(isByteFile)).toBe(true);
    expect(['cpu.max', 'pids.max', 'memory.events'].some(isByteFile)).toBe(false);
    expect(parseBytes('max')).toBe(Infinity);
    expect(parseBytes('9223372036854771712\n')).toBe(Infinity);
    expect(parseBytes('67108864')).toBe(67108864);
    expect(parseBytes('-1')).toBeNull();
    expect(parseBytes('')).toBeNull();
  });

  it('splits keyed files into pairs as read, and refuses what is not made of them', () => {
    expect(parsePairs('max 4\noom 1\n')).toEqual([
      ['max', '4'],
      ['oom', '1'],
    ]);
    expect(parsePairs('50000 100000 extra')).toBeNull();
    expect(parsePairs('\n')).toBeNull();
  });

  it('writes a CPU quota as a share of a CPU', () => {
    expect(cpuShare(50000, 100000)).toBe('50% of a CPU');
    expect(cpuShare(100000, 100000)).toBe('1 CPU');
    expect(cpuShare(150000, 100000)).toBe('1.5 CPUs');
  });
});

describe('a v2 cgroup (host-v2 fixture)', () => {
  const files = v2Files();

  it('reads the limit and usage against it', () => {
    expect(reading(files, 'memory.max')).toMatchObject({ notes: ['memory limit', '64.0 MiB'], alert: null });
    const usage = reading(files, 'memory.current');
    expect(usage.notes).toEqual(['usage', '2.2 MiB', '3% of memory.max']);
    expect(usage.fraction).toBeCloseTo(2293760 / 67108864);
    expect(usage.alert).toBeNull();
  });

  it('reads an OOM kill as red, the pairs as read, and a shorter form with the telling ones', () => {
    const events = reading(files, 'memory.events');
    expect(events.alert).toBe('red');
    expect(events.text).toBe('low 0 high 0 max 14 oom 1 oom_kill 1 oom_group_kill 0');
    expect(events.pairs?.filter((p) => p.alert).map((p) => `${p.key}:${p.alert}`)).toEqual(['max:yellow', 'oom:red', 'oom_kill:red']);
    // the telling pairs, then only the alerting ones: here the same three, so one form
    expect(events.shortPairs.map((kept) => kept.map((p) => p.key))).toEqual([['max', 'oom', 'oom_kill']]);
  });

  it('works out the CPU quota and how much of the time the cgroup was throttled', () => {
    expect(reading(files, 'cpu.max').notes).toEqual(['CPU limit', '50% of a CPU', '50 ms every 100 ms']);
    const stat = reading(files, 'cpu.stat');
    expect(stat.alert).toBe('yellow');
    expect(stat.notes).toEqual(['throttled periods', '19 of 41 periods', '942.1 ms throttled']);
    expect(stat.shortPairs[0].map((p) => p.key)).toEqual(['nr_periods', 'nr_throttled', 'throttled_usec']);
  });

  it('says nothing alarming about 3 of 32 processes', () => {
    expect(reading(files, 'pids.current')).toMatchObject({ notes: ['processes'], alert: null });
    expect(reading(files, 'pids.max')).toMatchObject({ notes: ['process limit'], alert: null });
  });

  it('ranks the limits and their counters first, in the order a lesson talks about them', () => {
    expect(Object.fromEntries(interpretCgroup(files).files.map((f) => [f.file.name, f.rank]))).toEqual({
      'memory.max': 0,
      'memory.current': 1,
      'memory.events': 2,
      'cpu.max': 3,
      'cpu.stat': 4,
      'pids.max': 5,
      'pids.current': 6,
    });
  });

  it('names the one directory the files live in', () => {
    expect(interpretCgroup(files).place).toEqual({ pattern: files[0].dir, count: 1 });
  });
});

describe('a v1 cgroup (host-hybrid fixture)', () => {
  const files = v1Files();

  it('takes the CPU period from its own file, and throttling in ns', () => {
    expect(reading(files, 'cpu.cfs_quota_us').notes).toEqual(['CPU limit', '50% of a CPU', '50 ms every 100 ms']);
    expect(reading(files, 'cpu.cfs_period_us').notes).toEqual(['CPU period', '100 ms']);
    expect(reading(files, 'cpu.stat').notes).toEqual(['throttled periods', '1 of 3 periods', '13.2 ms throttled']);
  });

  it('reads usage against memory.limit_in_bytes, and no OOM kill in memory.oom_control', () => {
    expect(reading(files, 'memory.usage_in_bytes').notes).toEqual(['usage', '1.6 MiB', '2% of memory.limit_in_bytes']);
    expect(reading(files, 'memory.oom_control').alert).toBeNull();
  });

  it('names the directory once for all hierarchies, with a * for the hierarchy', () => {
    expect(interpretCgroup(files).place).toEqual({ pattern: join(HYBRID, 'sys/fs/cgroup/*/container-lab-fixture'), count: 3 });
  });
});

describe('limits reached', () => {
  const at = (name: string, value: string, meaning = ''): CgroupFile => ({ name, meaning, value, dir: '/sys/fs/cgroup/x' });

  it('marks usage at 90% of the limit, a full pids.current, a refused fork and a v1 OOM kill', () => {
    const mem = [at('memory.max', '1000'), at('memory.current', '950')];
    expect(interpretCgroupFile(mem[1], mem)).toMatchObject({ alert: 'yellow', fraction: 0.95 });
    const pids = [at('pids.max', '4'), at('pids.current', '4')];
    expect(interpretCgroupFile(pids[1], pids)).toMatchObject({ alert: 'yellow', notes: ['at pids.max: fork fails with EAGAIN'] });
    expect(interpretCgroupFile(at('pids.events', 'max 2'), []).alert).toBe('red');
    expect(interpretCgroupFile(at('memory.oom_control', 'oom_kill_disable 0\nunder_oom 0\noom_kill 1'), []).alert).toBe('red');
    expect(interpretCgroupFile(at('memory.failcnt', '3'), []).alert).toBe('yellow');
  });

  it('ranks an alerting file that is not a limit before the quiet ones', () => {
    const files = [at('memory.failcnt', '0'), at('memory.swap.current', '10'), at('memory.stat', 'anon 1\noom_kill 0')];
    expect(interpretCgroupFile(files[0], files).rank).toBe(7);
    expect(interpretCgroupFile(at('cpuacct.usage', '5'), []).rank).toBe(9);
    expect(pairAlert('cpu.stat', 'nr_throttled', 1)).toBe('yellow');
    expect(pairAlert('cpu.stat', 'nr_periods', 9)).toBeNull();
  });

  it('says "no limit" for max, -1 and v1\'s page-rounded LONG_MAX', () => {
    for (const f of [at('cpu.max', 'max 100000'), at('cpu.cfs_quota_us', '-1'), at('pids.max', 'max'), at('memory.limit_in_bytes', '9223372036854771712')]) {
      expect(interpretCgroupFile(f, [f]).notes, f.name).toContain('no limit');
    }
  });

  it('gives no place for no files, and a "+N more" for directories with nothing in common at the end', () => {
    expect(cgroupPlace([])).toBeNull();
    expect(cgroupPlace(['/a/x', '/b/y'])).toEqual({ pattern: '/a/x +1 more', count: 2 });
  });
});
