// set-pids-max: pids.max, the same name on v1 and v2; on a fresh v2 cgroup after +pids in the lab's parent.
import { describe, expect, it } from 'vitest';
import { setPidsMax } from '../../../src/actions/setPidsMax.js';
import { cgroupLab, fakeHost, fileWrites, systemdHost } from '../cgroup/fakeHost.js';
import { HYBRID } from '../observe/fixtures.js';

describe('set-pids-max', () => {
  it('v2 right after join-cgroup (captured systemd host): +pids in the lab\'s parent, then pids.max', async () => {
    const sys = systemdHost('s1', 5120);
    const result = await setPidsMax.run(cgroupLab(sys, 's1', 5120), { max: 24 });
    expect(fileWrites(sys)).toEqual([
      ['/sys/fs/cgroup/container-lab-s1/cgroup.subtree_control', '+pids'],
      ['/sys/fs/cgroup/container-lab-s1/container/pids.max', '24'],
    ]);
    expect(result.output).toEqual([
      'pids.max 24 (the same name on cgroup v1 and v2), in /sys/fs/cgroup/container-lab-s1/container',
      'pids.current is already 9: it counts tasks, and every thread of the container process (Node) is one',
    ]);
  });

  it('v1 (captured hybrid host): pids.max in the pids hierarchy', async () => {
    const sys = fakeHost(HYBRID);
    const result = await setPidsMax.run(cgroupLab(sys, 'fixture', 6771), { max: 24 });
    expect(fileWrites(sys)).toEqual([['/sys/fs/cgroup/pids/container-lab-fixture/pids.max', '24']]);
    expect(result.output[1]).toMatch(/^pids\.current is already 2:/);
    expect(result.log).toEqual([{ t: 0, call: 'write', args: ['/sys/fs/cgroup/pids/container-lab-fixture/pids.max', '24'], ret: '0' }]);
  });
});
