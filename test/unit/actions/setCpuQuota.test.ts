// set-cpu-quota: cpu.max on v2 (enabling cpu in the lab's parent first), cfs period then quota on v1.
import { describe, expect, it } from 'vitest';
import { setCpuQuota } from '../../../src/actions/setCpuQuota.js';
import { cgroupLab, fakeHost, fileWrites, systemdHost } from '../cgroup/fakeHost.js';
import { HYBRID, V2 } from '../observe/fixtures.js';

describe('set-cpu-quota', () => {
  it('v2 right after join-cgroup (captured systemd host): +cpu in the lab\'s parent, then "quota period" in cpu.max', async () => {
    const sys = systemdHost('s1', 5120);
    const result = await setCpuQuota.run(cgroupLab(sys, 's1', 5120), { quotaUs: 20000, periodUs: 100000 });
    expect(fileWrites(sys)).toEqual([
      ['/sys/fs/cgroup/container-lab-s1/cgroup.subtree_control', '+cpu'],
      ['/sys/fs/cgroup/container-lab-s1/container/cpu.max', '20000 100000'],
    ]);
    expect(result.output).toEqual([
      'this host (cgroup v2) uses cpu.max, in /sys/fs/cgroup/container-lab-s1/container',
      '20 ms of CPU time every 100 ms: 20% of one CPU',
    ]);
    expect(result.log.map((e) => e.args[0])).toEqual(['/sys/fs/cgroup/container-lab-s1/cgroup.subtree_control', '/sys/fs/cgroup/container-lab-s1/container/cpu.max']);
  });

  it('v2 with cpu already enabled: cpu.max only', async () => {
    const sys = fakeHost(V2);
    await setCpuQuota.run(cgroupLab(sys, 'fixture', 5120), { quotaUs: 50000, periodUs: 200000 });
    expect(fileWrites(sys)).toEqual([['/sys/fs/cgroup/container-lab-fixture/container/cpu.max', '50000 200000']]);
  });

  it('v1 (captured hybrid host): cpu.cfs_period_us, then cpu.cfs_quota_us, in the cpu hierarchy', async () => {
    const sys = fakeHost(HYBRID);
    const result = await setCpuQuota.run(cgroupLab(sys, 'fixture', 6771), { quotaUs: 20000, periodUs: 100000 });
    expect(fileWrites(sys)).toEqual([
      ['/sys/fs/cgroup/cpu/container-lab-fixture/cpu.cfs_period_us', '100000'],
      ['/sys/fs/cgroup/cpu/container-lab-fixture/cpu.cfs_quota_us', '20000'],
    ]);
    expect(result.output[0]).toBe('this host (cgroup v1) uses cpu.cfs_quota_us and cpu.cfs_period_us, in /sys/fs/cgroup/cpu/container-lab-fixture');
  });

  it('refuses a controller the host does not pass down, writing nothing', async () => {
    const sys = systemdHost('s1', 5120);
    sys.files.set('/sys/fs/cgroup/container-lab-s1/cgroup.controllers', 'memory pids\n');
    await expect(setCpuQuota.run(cgroupLab(sys, 's1', 5120), { quotaUs: 20000, periodUs: 100000 })).rejects.toThrow(/does not pass the cpu controller down/);
    expect(fileWrites(sys)).toEqual([]);
  });
});
