// The chain lessons' cgroup driver: systemd with the lab's slice on the captured systemd v2 host, cgroupfs on this one; the paths, and removal.
import { describe, expect, it } from 'vitest';
import { chainCgroupDriver, containerCgroup, isLabCgroupsPath } from '../../../src/chain/cgroupDriver.js';
import { daemonLayout, dockerdArgs } from '../../../src/chain/daemonLayout.js';
import { runcArgv, runcLayout } from '../../../src/chain/runcLayout.js';
import { labCtrRunArgs } from '../../../src/chain/cliArgs.js';
import { cgroupHierarchies, listLabCgroups, removeCgroupDir } from '../../../src/cgroup/session.js';
import { cgroupSessionId, sessionCgroups, sweepLabCgroups } from '../../../src/helper/sweep.js';
import { isLabCgroupName } from '../../../src/cgroup/names.js';
import { CgroupFs } from '../../support/cgroupFs.js';

const CG = '/sys/fs/cgroup';
const DIR = '/run/container-lab/session-s1';
const DOCKER_SLICE = 'container\\x2dlab\\x2ds1\\x2ddocker.slice';
const RUNC_SLICE = 'container\\x2dlab\\x2ds1\\x2drunc.slice';

function cgroupDirs(sys: CgroupFs): string[] {
  return [...sys.dirs].filter((d) => d.startsWith(CG)).sort();
}

/*
 * What systemd makes when runc's systemd driver asks for a container's scope: StartTransientUnit
 * of <prefix>-<name>.scope with Slice=<parent>, Delegate=yes, PIDs=<init> (runc's
 * libcontainer/cgroups/systemd/v2.go Apply; the slice is loaded and started implicitly).
 */
function systemdStartsScope(sys: CgroupFs, slice: string, unit: string, pid: number): void {
  sys.addProcess(pid, `${CG}/system.slice/containerd.service`);
  const run = sys.runSync(['busctl', 'call', 'org.freedesktop.systemd1', '/org/freedesktop/systemd1', 'org.freedesktop.systemd1.Manager',
    'StartTransientUnit', 'ssa(sv)a(sa(sv))', unit, 'replace', '3', 'Slice', 's', slice, 'Delegate', 'b', 'true', 'PIDs', 'au', '1', String(pid), '0']);
  expect(run.status).toBe(0);
}

describe('the driver is chosen from the host', () => {
  it('systemd on the captured pure v2 systemd host; cgroupfs on v2 without systemd, hybrid (this build host) and v1', () => {
    expect(chainCgroupDriver(cgroupHierarchies('/', new CgroupFs()))).toBe('systemd');
    expect(chainCgroupDriver(cgroupHierarchies('/', new CgroupFs(undefined, { systemd: false })))).toBe('cgroupfs');
    expect(chainCgroupDriver({ mode: 'hybrid', systemd: true })).toBe('cgroupfs');
    expect(chainCgroupDriver({ mode: 'v1', systemd: true })).toBe('cgroupfs');
  });
});

describe('what the daemons, runc and ctr are told', () => {
  it('dockerd: the systemd driver and the lab\'s slice on a v2 systemd host; cgroupfs and /container-lab-<id>-docker here, as before', () => {
    const sd = daemonLayout(DIR, 's1', 'systemd');
    const fs = daemonLayout(DIR, 's1', 'cgroupfs');
    expect(sd.cgroupParent).toBe(DOCKER_SLICE);
    expect(dockerdArgs(sd).slice(-4)).toEqual(['--exec-opt', 'native.cgroupdriver=systemd', '--cgroup-parent', DOCKER_SLICE]);
    expect(fs.cgroupParent).toBe('container-lab-s1-docker');
    expect(dockerdArgs(fs).slice(-4)).toEqual(['--exec-opt', 'native.cgroupdriver=cgroupfs', '--cgroup-parent', '/container-lab-s1-docker']);
    // dockerd 20.10 refuses a systemd cgroup parent that is not "xxx.slice" (daemon/daemon_unix.go)
    expect(sd.cgroupParent.endsWith('.slice') && sd.cgroupParent.length > 6 && !sd.cgroupParent.includes('/')).toBe(true);
  });

  it('runc: --systemd-cgroup and cgroupsPath slice:container-lab:<id> there; /container-lab-<id>-runc/<id> here', () => {
    const sd = runcLayout(DIR, 's1', 'systemd');
    expect([sd.cgroupParent, sd.cgroupsPath, sd.cgroupDir]).toEqual([RUNC_SLICE, `${RUNC_SLICE}:container-lab:cl-s1`, `/${RUNC_SLICE}/container-lab-cl-s1.scope`]);
    expect(runcArgv('/usr/sbin/runc', sd, ['state', 'cl-s1'])).toEqual(['/usr/sbin/runc', '--systemd-cgroup', '--root', `${DIR}/runc`, 'state', 'cl-s1']);
    const fs = runcLayout(DIR, 's1', 'cgroupfs');
    expect([fs.cgroupParent, fs.cgroupsPath, fs.cgroupDir]).toEqual(['container-lab-s1-runc', '/container-lab-s1-runc/cl-s1', '/container-lab-s1-runc/cl-s1']);
    expect(runcArgv('/usr/sbin/runc', fs, ['state', 'cl-s1'])).toEqual(['/usr/sbin/runc', '--root', `${DIR}/runc`, 'state', 'cl-s1']);
    expect([sd.cgroupsPath, fs.cgroupsPath].map(isLabCgroupsPath)).toEqual([true, true]);
    expect(['system.slice:docker:x', 'container-lab-s1.slice:x:y', '/docker/x'].map(isLabCgroupsPath)).toEqual([false, false, false]);
  });

  it('ctr run: --cgroup slice:container-lab:<id> and --runc-systemd-cgroup there; a path under the lab\'s directory here', () => {
    const o = { sessionId: 's1', dir: DIR, id: 'c1' };
    expect(labCtrRunArgs(['run', '-d', 'img', 'c1'], { ...o, cgroupParent: DOCKER_SLICE, cgroupDriver: 'systemd' }).slice(0, 6))
      .toEqual(['run', '--label', 'container-lab=s1', '--cgroup', `${DOCKER_SLICE}:container-lab:c1`, '--runc-systemd-cgroup']);
    expect(labCtrRunArgs(['run', '-d', 'img', 'c1'], { ...o, cgroupParent: 'container-lab-s1-docker', cgroupDriver: 'cgroupfs' }).slice(0, 6))
      .toEqual(['run', '--label', 'container-lab=s1', '--cgroup', '/container-lab-s1-docker/c1', '--runc-root']);
  });
});

describe('on the captured systemd v2 host: where the containers land, and how it all goes again', () => {
  it('the lab slice sits at the top (escaped dashes: no container.slice), and the checks\' paths are the scopes systemd made', () => {
    const sys = new CgroupFs();
    const l = runcLayout(DIR, 's1', 'systemd');
    systemdStartsScope(sys, l.cgroupParent, 'container-lab-cl-s1.scope', 7001);
    systemdStartsScope(sys, DOCKER_SLICE, 'docker-abc.scope', 7002);
    expect(sys.cgroupOf(7001)).toBe(CG + l.cgroupDir);
    expect(sys.cgroupOf(7002)).toBe(`${CG}/${DOCKER_SLICE}/docker-abc.scope`);
    expect(sys.cgroupOf(7003)).toBe(null);
    expect(containerCgroup(DOCKER_SLICE, 'c1', 'systemd').dir).toBe(`/${DOCKER_SLICE}/container-lab-c1.scope`);
    expect(cgroupDirs(sys).some((d) => /\/container(-lab)?\.slice/.test(d))).toBe(false);
  });

  it('removal asks systemd to stop the slice (it does not stop when empty) and leaves the tree as it was', async () => {
    const sys = new CgroupFs();
    const before = cgroupDirs(sys);
    systemdStartsScope(sys, DOCKER_SLICE, 'docker-abc.scope', 7002);
    expect(await removeCgroupDir(`${CG}/${DOCKER_SLICE}`, sys)).toBe(true);
    expect(sys.stoppedUnits).toEqual([DOCKER_SLICE]);
    expect(sys.alive.has(7002)).toBe(false);
    expect(cgroupDirs(sys)).toEqual(before);
  });

  it('a slice already stopped by hand (systemctl stop) or gone is no error', async () => {
    const sys = new CgroupFs();
    expect(await removeCgroupDir(`${CG}/${DOCKER_SLICE}`, sys)).toBe(true);
    systemdStartsScope(sys, DOCKER_SLICE, 'docker-abc.scope', 7002);
    sys.runSync(['busctl', 'call', 'org.freedesktop.systemd1', '/org/freedesktop/systemd1', 'org.freedesktop.systemd1.Manager', 'StopUnit', 'ss', DOCKER_SLICE, 'replace']);
    expect(await removeCgroupDir(`${CG}/${DOCKER_SLICE}`, sys)).toBe(true);
    expect(sys.stoppedUnits).toEqual([DOCKER_SLICE]);
  });

  it('the sweep and the reaper find a dead session\'s slices by its id and remove them; a live session\'s stay', async () => {
    const sys = new CgroupFs();
    const before = cgroupDirs(sys);
    systemdStartsScope(sys, DOCKER_SLICE, 'docker-abc.scope', 7002);
    systemdStartsScope(sys, RUNC_SLICE, 'container-lab-cl-s1.scope', 7001);
    systemdStartsScope(sys, 'container\\x2dlab\\x2dlive1\\x2ddocker.slice', 'docker-def.scope', 7005);
    expect([DOCKER_SLICE, RUNC_SLICE, 'container-lab-s1.scope'].map(cgroupSessionId)).toEqual(['s1', 's1', 's1']);
    expect([DOCKER_SLICE, 'container-lab-x', 'container.slice', 'container\\x2dlabx.scope'].map(isLabCgroupName)).toEqual([true, true, false, false]);
    expect(sessionCgroups('s1', [CG], sys).sort()).toEqual([`${CG}/${DOCKER_SLICE}`, `${CG}/${RUNC_SLICE}`]);
    expect(listLabCgroups(cgroupHierarchies('/', sys), sys)).toHaveLength(3);
    const removed = await sweepLabCgroups(cgroupHierarchies('/', sys), new Set(['live1']), new Set(['s1']), sys);
    expect(removed.sort()).toEqual([`cgroup ${CG}/${DOCKER_SLICE}`, `cgroup ${CG}/${RUNC_SLICE}`]);
    expect(sys.stoppedUnits.sort()).toEqual([DOCKER_SLICE, RUNC_SLICE]);
    expect(cgroupDirs(sys)).toEqual([...before, `${CG}/container\\x2dlab\\x2dlive1\\x2ddocker.slice`, `${CG}/container\\x2dlab\\x2dlive1\\x2ddocker.slice/docker-def.scope`].sort());
    expect(sys.alive.has(7005)).toBe(true);
  });
});
