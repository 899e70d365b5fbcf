// The cgroup v2 driver on a copy of the hand-written v2 host: writes land in the right files, reads parse.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { V2Driver } from '../../../src/cgroup/v2.js';
import { LabError } from '../../../src/errors.js';
import { V2 } from '../observe/fixtures.js';
import { apply, copyTree, get, put, writes } from './tree.js';

const LAB = 'sys/fs/cgroup/container-lab-fixture';
const LEAF = `${LAB}/container`;
const DEMO = 'sys/fs/cgroup/user.slice/user-1000.slice/user@1000.service/container-lab/lab-demo';

function leafDriver() {
  const root = copyTree(V2);
  return { root, d: new V2Driver(join(root, LEAF)) };
}

describe('V2Driver on the v2 fixture', () => {
  it('sets the memory limit in memory.max and turns swap off in memory.swap.max', () => {
    const { root, d } = leafDriver();
    apply(d.memoryLimitWrites(32 * 1024 * 1024));
    expect(writes(root)).toEqual([[`${LEAF}/memory.max`, '33554432'], [`${LEAF}/memory.swap.max`, '0']]);
    expect(get(root, `${LEAF}/memory.max`)).toBe('33554432');
    apply(d.memoryLimitWrites(null));
    expect(writes(root)).toEqual([[`${LEAF}/memory.max`, 'max'], [`${LEAF}/memory.swap.max`, 'max']]);
  });

  it('leaves memory.swap.max alone where the kernel has none', () => {
    const root = copyTree(V2);
    const d = new V2Driver(join(root, DEMO));
    apply(d.memoryLimitWrites(1 << 20));
    expect(writes(root)).toEqual([[`${DEMO}/memory.max`, '1048576']]);
  });

  it('reads memory, CPU and pids state from the fixture as written', () => {
    const { d } = leafDriver();
    expect(d.memory()).toEqual({ limit: null, usage: 1327104, peak: 1466368, oomKills: 0 });
    expect(d.cpu()).toEqual({ quotaUs: null, periodUs: 100000, usageUs: 48211, periods: 0, throttled: 0, throttledUs: 0 });
    expect(d.pids()).toEqual({ max: null, current: 12, refused: 0 });
    expect(d.processes()).toEqual([5120, 5131]);
  });

  it('reads counters after limits were hit (the rootless demo cgroup)', () => {
    const root = copyTree(V2);
    const d = new V2Driver(join(root, DEMO));
    expect(d.memory()).toEqual({ limit: 64 * 1024 * 1024, usage: 2293760, peak: null, oomKills: 1 });
    expect(d.cpu()).toEqual({ quotaUs: 50000, periodUs: 100000, usageUs: 2016344, periods: 41, throttled: 19, throttledUs: 942117 });
    put(root, `${DEMO}/pids.events`, 'max 2\n'); // the hand-written demo cgroup has no pids.events
    expect(d.pids()).toEqual({ max: 32, current: 3, refused: 2 });
  });

  it('writes cpu.max as "quota period" and pids.max', () => {
    const { root, d } = leafDriver();
    apply(d.cpuQuotaWrites(20000, 100000));
    apply(d.pidsMaxWrites(24));
    apply(d.cpuQuotaWrites(null, 100000));
    expect(writes(root)).toEqual([[`${LEAF}/cpu.max`, '20000 100000'], [`${LEAF}/pids.max`, '24'], [`${LEAF}/cpu.max`, 'max 100000']]);
    expect(d.pids().max).toBe(24);
  });

  it('enables a missing controller in the parent only, since the parent is the lab\'s own', () => {
    const { root, d } = leafDriver();
    put(root, `${LAB}/cgroup.subtree_control`, '');
    put(root, `${LEAF}/cgroup.controllers`, '');
    apply(d.pidsMaxWrites(16));
    expect(writes(root)).toEqual([[`${LAB}/cgroup.subtree_control`, '+pids'], [`${LEAF}/pids.max`, '16']]);
  });

  it('refuses a controller the host does not pass down, without writing above the lab', () => {
    const { root, d } = leafDriver();
    put(root, `${LAB}/cgroup.controllers`, 'memory pids\n');
    put(root, `${LEAF}/cgroup.controllers`, 'memory pids\n');
    expect(() => apply(d.cpuQuotaWrites(20000, 100000))).toThrow(LabError);
    try {
      apply(d.cpuQuotaWrites(20000, 100000));
    } catch (error) {
      expect((error as LabError).message).toMatch(/does not pass the cpu controller down/);
      expect((error as LabError).hint).toMatch(/\+cpu > .*sys\/fs\/cgroup\/cgroup\.subtree_control/);
    }
    expect(writes(root)).toEqual([]);
  });

  it('never writes the subtree_control of a parent that is not the lab\'s', () => {
    const root = copyTree(V2);
    put(root, `${DEMO}/cgroup.controllers`, 'memory pids\n');
    const d = new V2Driver(join(root, DEMO));
    expect(() => apply(d.cpuQuotaWrites(20000, 100000))).toThrow(/not enabled/);
    expect(writes(root)).toEqual([]);
  });

  it('describes the files that exist, under v2 names, with their directory', () => {
    const { root, d } = leafDriver();
    const files = d.describeFiles();
    expect(files.map((f) => f.name)).toEqual([
      'memory.max', 'memory.swap.max', 'memory.current', 'memory.peak', 'memory.events',
      'cpu.max', 'cpu.stat', 'pids.max', 'pids.current', 'pids.events',
    ]);
    expect(files.every((f) => f.dir === join(root, LEAF))).toBe(true);
    expect(files.find((f) => f.name === 'memory.events')).toMatchObject({ meaning: 'OOM kills', value: 'low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\noom_group_kill 0' });
    expect(files.find((f) => f.name === 'cpu.max')?.value).toBe('max 100000');
    // a kernel without memory.peak (before 5.19) just has one row less
    expect(new V2Driver(join(root, DEMO)).describeFiles().map((f) => f.name)).not.toContain('memory.peak');
  });
});
