// The freezer reading on fixture /proc and cgroupfs trees: v1 freezer.state, v2 cgroup.events, and no freezer at all.
import { describe, expect, it } from 'vitest';
import { readFreezer } from '../../../src/chain/freezer.js';
import { RecordingSys } from '../../support/recordingSys.js';

const HYBRID = [
  '30 25 0:26 / /sys/fs/cgroup/freezer rw,nosuid - cgroup cgroup rw,freezer',
  '31 25 0:27 / /sys/fs/cgroup/memory rw,nosuid - cgroup cgroup rw,memory',
  '32 25 0:28 / /sys/fs/cgroup/unified rw,nosuid - cgroup2 cgroup2 rw',
].join('\n') + '\n';
const V2 = '25 1 0:22 / /sys/fs/cgroup rw,nosuid - cgroup2 cgroup2 rw\n';

describe('readFreezer', () => {
  it('v1 (hybrid): the freezer hierarchy\'s freezer.state, not the unified one', () => {
    const sys = new RecordingSys({
      files: {
        '/proc/self/mountinfo': HYBRID,
        '/proc/7/cgroup': '6:freezer:/container-lab-x-runc/cl-x\n4:memory:/container-lab-x-runc/cl-x\n0::/\n',
        '/sys/fs/cgroup/freezer/container-lab-x-runc/cl-x/freezer.state': 'FROZEN\n',
      },
    });
    expect(readFreezer(sys, 7)).toEqual({ frozen: true, file: '/sys/fs/cgroup/freezer/container-lab-x-runc/cl-x/freezer.state', value: 'FROZEN' });
    sys.files.set('/sys/fs/cgroup/freezer/container-lab-x-runc/cl-x/freezer.state', 'THAWED\n');
    expect(readFreezer(sys, 7)?.frozen).toBe(false);
  });

  it('v2: cgroup.events says frozen 1 once every task stopped', () => {
    const sys = new RecordingSys({
      files: {
        '/proc/self/mountinfo': V2,
        '/proc/7/cgroup': '0::/container-lab-x-runc/cl-x\n',
        '/sys/fs/cgroup/container-lab-x-runc/cl-x/cgroup.events': 'populated 1\nfrozen 1\n',
      },
    });
    expect(readFreezer(sys, 7)).toEqual({ frozen: true, file: '/sys/fs/cgroup/container-lab-x-runc/cl-x/cgroup.events', value: 'frozen 1' });
    sys.files.set('/sys/fs/cgroup/container-lab-x-runc/cl-x/cgroup.events', 'populated 1\nfrozen 0\n');
    expect(readFreezer(sys, 7)).toMatchObject({ frozen: false, value: 'frozen 0' });
  });

  it('null for a process that is gone', () => {
    expect(readFreezer(new RecordingSys({ files: { '/proc/self/mountinfo': V2 } }), 7)).toBeNull();
  });
});
