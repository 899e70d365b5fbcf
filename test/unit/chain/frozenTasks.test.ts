// The tasks of a frozen cgroup on fixture trees: v1 freezer.state on a hybrid mount table, v2 cgroup.events on the captured v2 systemd host.
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { readFrozenTasks } from '../../../src/chain/frozenTasks.js';
import { RecordingSys } from '../../support/recordingSys.js';
import { loadTree } from '../../support/fixtureTree.js';
import { addProcess } from '../../support/fakeProc.js';

const HYBRID = '30 25 0:26 / /sys/fs/cgroup/freezer rw,nosuid - cgroup cgroup rw,freezer\n32 25 0:28 / /sys/fs/cgroup/unified rw,nosuid - cgroup2 cgroup2 rw\n';
const V2_HOST = fileURLToPath(new URL('../../fixtures/host-v2-systemd', import.meta.url));

describe('readFrozenTasks', () => {
  it('v1: freezer.state FROZEN and each process of cgroup.procs with its stat state and wchan', () => {
    const dir = '/sys/fs/cgroup/freezer/container-lab-x-docker/abc';
    const sys = new RecordingSys({ files: { '/proc/self/mountinfo': HYBRID, [`${dir}/freezer.state`]: 'FROZEN\n', [`${dir}/cgroup.procs`]: '7\n9\n' } });
    addProcess(sys, { pid: 7, ppid: 6, comm: 'sh', state: 'D' });
    addProcess(sys, { pid: 9, ppid: 7, comm: 'sleep', state: 'D' });
    sys.files.set('/proc/7/cgroup', '6:freezer:/container-lab-x-docker/abc\n0::/\n');
    sys.files.set('/proc/7/wchan', '__refrigerator');
    sys.files.set('/proc/9/wchan', 'hrtimer_nanosleep');
    expect(readFrozenTasks(sys, 7)).toEqual({
      frozen: true, file: `${dir}/freezer.state`, value: 'FROZEN', dir, version: 'v1',
      tasks: [{ pid: 7, comm: 'sh', state: 'D', wchan: '__refrigerator' }, { pid: 9, comm: 'sleep', state: 'D', wchan: 'hrtimer_nanosleep' }],
    });
  });

  it('v2, on the captured systemd host: cgroup.events of the process\'s unit, frozen 0 as captured, frozen 1 once written so', () => {
    const sys = loadTree(V2_HOST, new RecordingSys());
    const unit = '/sys/fs/cgroup/system.slice/dbus.service';
    const pid = Number(sys.readFile(`${unit}/cgroup.procs`).trim().split('\n')[0]);
    addProcess(sys, { pid, ppid: 1, comm: 'dbus-daemon', state: 'S' });
    sys.files.set(`/proc/${pid}/cgroup`, '0::/system.slice/dbus.service\n');
    sys.files.set(`/proc/${pid}/wchan`, 'do_epoll_wait');
    expect(readFrozenTasks(sys, pid)).toMatchObject({ frozen: false, value: 'frozen 0', version: 'v2', dir: unit, tasks: [{ pid, comm: 'dbus-daemon', state: 'S', wchan: 'do_epoll_wait' }] });
    sys.files.set(`${unit}/cgroup.events`, 'populated 1\nfrozen 1\n');
    sys.files.set(`/proc/${pid}/wchan`, 'do_freezer_trap');
    expect(readFrozenTasks(sys, pid)).toMatchObject({ frozen: true, file: `${unit}/cgroup.events`, value: 'frozen 1', tasks: [{ wchan: 'do_freezer_trap' }] });
  });

  it('null for a process that is gone; a process that left meanwhile is skipped', () => {
    expect(readFrozenTasks(new RecordingSys({ files: { '/proc/self/mountinfo': HYBRID } }), 7)).toBeNull();
    const dir = '/sys/fs/cgroup/freezer/c';
    const sys = new RecordingSys({ files: { '/proc/self/mountinfo': HYBRID, [`${dir}/freezer.state`]: 'THAWED\n', [`${dir}/cgroup.procs`]: '7\n8\n', '/proc/7/cgroup': '6:freezer:/c\n' } });
    addProcess(sys, { pid: 7, ppid: 1, comm: 'sh' });
    expect(readFrozenTasks(sys, 7)?.tasks).toEqual([{ pid: 7, comm: 'sh', state: 'S', wchan: '' }]);
  });
});
