// The sweep's cgroup half on the captured systemd v2 host: dead sessions' scopes and directories go, nothing else does.
import { describe, expect, it } from 'vitest';
import { cgroupSessionId, sessionCgroups, sweepLabCgroups } from '../../../src/helper/sweep.js';
import { cgroupHierarchies } from '../../../src/cgroup/session.js';
import { CgroupFs } from '../../support/cgroupFs.js';

const CG = '/sys/fs/cgroup';

/** Root's view after three sessions and a crash: a dead one's scope (processes left), a live one's, a stray empty directory. */
function leftovers() {
  const sys = new CgroupFs();
  for (const [pid, scope] of [[7100, 'container-lab-dead1.scope'], [7200, 'container-lab-live1.scope']] as const) {
    const dir = `${CG}/system.slice/${scope}`;
    sys.makeCgroup(dir, 0);
    sys.makeCgroup(`${dir}/container`, 0);
    sys.addProcess(pid, `${dir}/container`);
    sys.write(`${dir}/cgroup.subtree_control`, '+memory +pids', 0);
  }
  sys.makeCgroup(`${CG}/container-lab-gone1`, 0);
  sys.makeCgroup(`${CG}/container-lab-gone1/container`, 0);
  // a stray one with a process in it, of a session this state dir does not know: maybe another's, left alone
  sys.makeCgroup(`${CG}/container-lab-other1`, 0);
  sys.addProcess(7300, `${CG}/container-lab-other1`);
  return sys;
}

function cgroupDirs(sys: CgroupFs): string[] {
  return [...sys.dirs].filter((d) => d.startsWith(CG)).sort();
}

describe('sweepLabCgroups', () => {
  it('removes the dead session\'s scope (killing its processes by PID) and empty strays; leaves live ones and the host\'s', async () => {
    const sys = leftovers();
    const host = cgroupDirs(new CgroupFs());
    const removed = await sweepLabCgroups(cgroupHierarchies('/', sys), new Set(['live1']), new Set(['dead1']), sys);
    expect(removed.sort()).toEqual([`cgroup ${CG}/container-lab-gone1`, `cgroup ${CG}/system.slice/container-lab-dead1.scope`]);
    expect(sys.calls.filter((c) => c.via === 'kill')).toEqual([{ via: 'kill', pid: 7100, signal: 'SIGKILL' }]);
    expect(cgroupDirs(sys)).toEqual([...host, `${CG}/container-lab-other1`, `${CG}/system.slice/container-lab-live1.scope`, `${CG}/system.slice/container-lab-live1.scope/container`].sort());
    expect(sys.alive.has(7200) && sys.alive.has(7300) && sys.alive.has(233)).toBe(true);
  });
});

describe('sessionCgroups (the reaper\'s and a dead session\'s)', () => {
  it('finds a session\'s scope in system.slice and its chain cgroups at the top, by the session id', () => {
    const sys = leftovers();
    sys.makeCgroup(`${CG}/container-lab-dead1-docker`, 0);
    expect(sessionCgroups('dead1', [CG], sys).sort()).toEqual([`${CG}/container-lab-dead1-docker`, `${CG}/system.slice/container-lab-dead1.scope`]);
    expect(['container-lab-ab12cd.scope', 'container-lab-ab12cd', 'container-lab-ab12cd-runc'].map(cgroupSessionId)).toEqual(['ab12cd', 'ab12cd', 'ab12cd']);
  });
});
