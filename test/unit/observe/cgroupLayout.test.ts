// detectCgroupLayout and cgroupDirFor on the captured hybrid host and the v2 fixture.
import { describe, expect, it } from 'vitest';
import { cgroupDirFor, detectCgroupLayout } from '../../../src/observe/parse/cgroupLayout.js';
import { parseMountinfo } from '../../../src/observe/parse/mountinfo.js';
import { parseProcCgroup } from '../../../src/observe/parse/cgroup.js';
import type { MountEntry } from '../../../src/types.js';
import { fixture, H, HYBRID, V, V2 } from './fixtures.js';

const hybridMounts = () => parseMountinfo(fixture(HYBRID, `proc/${H.shell}/mountinfo`));
const v2Mounts = () => parseMountinfo(fixture(V2, `proc/${V.shell}/mountinfo`));
const cg = (fs: 'cgroup' | 'cgroup2', mountPoint: string, superOptions: string, root = '/'): MountEntry => ({
  mountId: 1, parentId: 0, majorMinor: '0:99', root, mountPoint, mountOptions: 'rw', optionalFields: [], fsType: fs, source: fs, superOptions,
});

describe('detectCgroupLayout', () => {
  it('sees the build host as hybrid (captured)', () => {
    expect(detectCgroupLayout(hybridMounts())).toEqual({
      mode: 'hybrid',
      v2Mount: '/sys/fs/cgroup/unified',
      v1Mounts: {
        cpu: '/sys/fs/cgroup/cpu',
        cpuacct: '/sys/fs/cgroup/cpuacct',
        cpuset: '/sys/fs/cgroup/cpuset',
        memory: '/sys/fs/cgroup/memory',
        devices: '/sys/fs/cgroup/devices',
        freezer: '/sys/fs/cgroup/freezer',
        blkio: '/sys/fs/cgroup/blkio',
        pids: '/sys/fs/cgroup/pids',
        'name=systemd': '/sys/fs/cgroup/systemd',
      },
    });
  });

  it('sees a systemd v2 host as v2', () => {
    expect(detectCgroupLayout(v2Mounts())).toEqual({ mode: 'v2', v2Mount: '/sys/fs/cgroup', v1Mounts: {} });
  });

  it('tells v1, v2 with a named v1 hierarchy, and none apart', () => {
    const legacy = [cg('cgroup', '/sys/fs/cgroup/cpu,cpuacct', 'rw,xattr,cpu,cpuacct'), cg('cgroup', '/sys/fs/cgroup/systemd', 'rw,xattr,release_agent=/lib/systemd/systemd-cgroups-agent,name=systemd')];
    expect(detectCgroupLayout(legacy)).toEqual({
      mode: 'v1',
      v2Mount: null,
      v1Mounts: { cpu: '/sys/fs/cgroup/cpu,cpuacct', cpuacct: '/sys/fs/cgroup/cpu,cpuacct', 'name=systemd': '/sys/fs/cgroup/systemd' },
    });
    expect(detectCgroupLayout([cg('cgroup2', '/sys/fs/cgroup', 'rw'), legacy[1]]).mode).toBe('v2');
    expect(detectCgroupLayout(v2Mounts().filter((m) => m.fsType !== 'cgroup2'))).toEqual({ mode: 'none', v2Mount: null, v1Mounts: {} });
  });

  it('keeps the first mount of a hierarchy', () => {
    const l = detectCgroupLayout([cg('cgroup2', '/sys/fs/cgroup', 'rw'), cg('cgroup2', '/var/lib/lab/cg', 'rw', '/lab')]);
    expect(l.v2Mount).toBe('/sys/fs/cgroup');
  });
});

describe('cgroupDirFor', () => {
  it('finds v1 controller dirs and the v2 dir on the hybrid host (captured)', () => {
    const c = parseProcCgroup(fixture(HYBRID, `proc/${H.container}/cgroup`));
    expect(cgroupDirFor(hybridMounts(), c, 'memory')).toBe('/sys/fs/cgroup/memory/container-lab-fixture');
    expect(cgroupDirFor(hybridMounts(), c, 'pids')).toBe('/sys/fs/cgroup/pids/container-lab-fixture');
    expect(cgroupDirFor(hybridMounts(), c, 'cpuset')).toBe('/sys/fs/cgroup/cpuset');
    expect(cgroupDirFor(hybridMounts(), c, 'name=systemd')).toBe('/sys/fs/cgroup/systemd');
    // hugetlb is not on v1 here, so it is looked for in v2 (whose root does offer it)
    expect(cgroupDirFor(hybridMounts(), c, 'hugetlb')).toBe('/sys/fs/cgroup/unified');
    expect(cgroupDirFor(hybridMounts(), c, null)).toBe('/sys/fs/cgroup/unified');
  });

  it('finds the v2 dir for any controller on a v2 host', () => {
    const c = parseProcCgroup(fixture(V2, `proc/${V.container}/cgroup`));
    const dir = '/sys/fs/cgroup/user.slice/user-1000.slice/user@1000.service/container-lab/lab-demo';
    expect(cgroupDirFor(v2Mounts(), c, 'memory')).toBe(dir);
    expect(cgroupDirFor(v2Mounts(), c, null)).toBe(dir);
  });

  it('strips a mount\'s root and refuses paths outside it', () => {
    const mounts = [cg('cgroup2', '/sys/fs/cgroup', 'rw', '/lab')];
    const at = (path: string) => cgroupDirFor(mounts, [{ hierarchyId: 0, controllers: [], path }], null);
    expect(at('/lab')).toBe('/sys/fs/cgroup');
    expect(at('/lab/ctr')).toBe('/sys/fs/cgroup/ctr');
    expect(at('/labx')).toBeNull();
    expect(at('/../..')).toBeNull(); // outside the reader's cgroup namespace
    expect(cgroupDirFor([], [{ hierarchyId: 0, controllers: [], path: '/' }], null)).toBeNull();
  });
});
