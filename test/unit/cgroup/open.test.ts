// Choosing the driver from the host's layout: for a session's directories, and for where a process is.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { cgroupDriverForProcess, labCgroupFiles, openCgroupDriver } from '../../../src/cgroup/open.js';
import { V1Driver } from '../../../src/cgroup/v1.js';
import { V2Driver } from '../../../src/cgroup/v2.js';
import { H, HYBRID, V, V2 } from '../observe/fixtures.js';
import { copyTree, put } from './tree.js';

describe('openCgroupDriver', () => {
  it('drives a v2 host through the leaf below the session\'s own directory', () => {
    const d = openCgroupDriver(V2, 'fixture');
    expect(d).toBeInstanceOf(V2Driver);
    expect(d.dir('memory')).toBe(join(V2, 'sys/fs/cgroup/container-lab-fixture/container'));
    expect(d.dir('cpuacct')).toBe(d.dir('cpu'));
  });

  it('drives a hybrid host as v1, one directory per controller hierarchy', () => {
    const d = openCgroupDriver(HYBRID, 'fixture');
    expect(d).toBeInstanceOf(V1Driver);
    expect(d.dir('memory')).toBe(join(HYBRID, 'sys/fs/cgroup/memory/container-lab-fixture'));
    expect(d.dir('cpu')).toBe(join(HYBRID, 'sys/fs/cgroup/cpu/container-lab-fixture'));
    // separate hierarchies on this host (most distributions co-mount cpu,cpuacct)
    expect(d.dir('cpuacct')).toBe(join(HYBRID, 'sys/fs/cgroup/cpuacct/container-lab-fixture'));
    expect(d.dir('pids')).toBe(join(HYBRID, 'sys/fs/cgroup/pids/container-lab-fixture'));
  });
});

describe('cgroupDriverForProcess', () => {
  it('finds a v2 process\'s lab cgroup from /proc/<pid>/cgroup', () => {
    const root = copyTree(V2);
    mkdirSync(join(root, 'proc/5120'));
    put(root, 'proc/5120/cgroup', '0::/container-lab-fixture/container\n');
    const d = cgroupDriverForProcess(root, 5120);
    expect(d).toBeInstanceOf(V2Driver);
    expect(d!.pids()).toEqual({ max: null, current: 12, refused: 0 });
  });

  it('is null for a process in no lab cgroup, or one that is gone', () => {
    expect(cgroupDriverForProcess(V2, V.shell)).toBeNull();
    expect(cgroupDriverForProcess(HYBRID, H.shell)).toBeNull();
    expect(cgroupDriverForProcess(V2, 99999)).toBeNull();
  });

  it('finds a v1 process\'s directory in each hierarchy it was moved into', () => {
    const d = cgroupDriverForProcess(HYBRID, H.unshare) as V1Driver;
    expect(d).toBeInstanceOf(V1Driver);
    expect(d.dirs).toEqual({
      memory: join(HYBRID, 'sys/fs/cgroup/memory/container-lab-fixture'),
      cpu: join(HYBRID, 'sys/fs/cgroup/cpu/container-lab-fixture'),
      pids: join(HYBRID, 'sys/fs/cgroup/pids/container-lab-fixture'),
    });
  });
});

describe('labCgroupFiles (the panel)', () => {
  it('shows the real file names of each host', () => {
    expect(labCgroupFiles(HYBRID, H.container).map((f) => f.name)).toContain('memory.limit_in_bytes');
    const root = copyTree(V2);
    mkdirSync(join(root, 'proc/5120'));
    put(root, 'proc/5120/cgroup', '0::/container-lab-fixture/container\n');
    expect(labCgroupFiles(root, 5120).map((f) => f.name)).toContain('memory.max');
  });

  it('is empty until the process is in a lab cgroup', () => {
    expect(labCgroupFiles(V2, V.container)).toEqual([]);
    expect(labCgroupFiles(HYBRID, H.shell)).toEqual([]);
  });
});
