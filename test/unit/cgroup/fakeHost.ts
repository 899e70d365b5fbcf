// A fixture host tree as the recording fake's files: each file under the tree appears at its path from /.
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { RecordingSys } from '../../support/recordingSys.js';
import { loadTree } from '../../support/fixtureTree.js';
import { fakeLab, RecordingBuilder } from '../../support/fakeLab.js';

/** The fixture tree as the fake's files (test/support/fixtureTree.ts). */
export function fakeHost<S extends RecordingSys>(fixture: string, sys: S = new RecordingSys() as S): S {
  return loadTree(fixture, sys);
}

export const SYSTEMD_V2 = fileURLToPath(new URL('../../fixtures/host-v2-systemd', import.meta.url));

/** The interface files a controller brings into a cgroup when its parent enables it, as a fresh cgroup has them. */
const CONTROLLER_FILES: Record<string, Record<string, string>> = {
  memory: { 'memory.max': 'max\n', 'memory.swap.max': 'max\n', 'memory.current': '4857856\n', 'memory.peak': '4857856\n', 'memory.events': 'low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\noom_group_kill 0\n' },
  cpu: { 'cpu.max': 'max 100000\n', 'cpu.weight': '100\n' },
  pids: { 'pids.max': 'max\n', 'pids.current': '9\n', 'pids.events': 'max 0\n' },
};

/**
 * The fake with the one kernel rule the v2 limit steps meet: "+<controller>" written to a
 * cgroup.subtree_control adds the controller to each child's cgroup.controllers and makes its
 * files appear there (Documentation/admin-guide/cgroup-v2.rst, "Enabling and Disabling").
 */
export class CgroupV2Sys extends RecordingSys {
  override writeFile(path: string, data: string): void {
    super.writeFile(path, data);
    if (!path.endsWith('/cgroup.subtree_control') || !data.startsWith('+')) return;
    const dir = path.slice(0, -'/cgroup.subtree_control'.length);
    const controller = data.slice(1);
    const enabled = new Set((this.files.get(path) ?? '').split(/[\s+]+/).filter(Boolean));
    this.files.set(path, [...enabled].join(' ') + '\n');
    for (const child of this.readdir(dir).filter((name) => this.dirs.has(`${dir}/${name}`))) {
      const at = `${dir}/${child}`;
      const has = (this.files.get(`${at}/cgroup.controllers`) ?? '').split(/\s+/).filter(Boolean);
      this.files.set(`${at}/cgroup.controllers`, [...new Set([...has, controller])].join(' ') + '\n');
      for (const [name, text] of Object.entries(CONTROLLER_FILES[controller] ?? {})) this.files.set(`${at}/${name}`, text);
    }
  }
}

/**
 * The captured systemd host after join-cgroup: container-lab-<session> at the top (given
 * cpu memory pids by the root's subtree_control, enabling nothing itself) and its leaf
 * `container` holding the container process, with no controller yet.
 */
export function systemdHost(sessionId: string, containerPid: number): CgroupV2Sys {
  const sys = fakeHost(SYSTEMD_V2, new CgroupV2Sys());
  const lab = `/sys/fs/cgroup/container-lab-${sessionId}`;
  sys.dirs.add(lab);
  sys.dirs.add(`${lab}/container`);
  sys.files.set(`${lab}/cgroup.controllers`, sys.readFile('/sys/fs/cgroup/cgroup.subtree_control'));
  sys.files.set(`${lab}/cgroup.subtree_control`, '\n');
  sys.files.set(`${lab}/cgroup.procs`, '');
  sys.files.set(`${lab}/container/cgroup.controllers`, '\n');
  sys.files.set(`${lab}/container/cgroup.subtree_control`, '\n');
  sys.files.set(`${lab}/container/cgroup.procs`, `${containerPid}\n`);
  sys.files.set(`${lab}/container/cpu.stat`, 'usage_usec 61230\nuser_usec 40100\nsystem_usec 21130\n');
  sys.files.set(`/proc/${containerPid}/cgroup`, `0::/container-lab-${sessionId}/container\n`);
  return sys;
}

/** A lab whose container process (host PID pid) has been through join-cgroup for session id, on this fake. */
export function cgroupLab(sys: RecordingSys, id: string, pid: number) {
  return fakeLab({ sys, builder: new RecordingBuilder(sys, pid), session: { id, dir: `/run/container-lab/session-${id}` }, cgroupDirs: ['(made by join-cgroup)'] });
}

/** The files written through the fake, as [path, data], in order. */
export function fileWrites(sys: RecordingSys): Array<[string, string | undefined]> {
  return sys.calls.flatMap((c) => (c.via === 'fs' && c.call === 'writeFile' ? [[c.path, c.data] as [string, string | undefined]] : []));
}

/** The argv the builder's `run` handler gets for a hog: env(1) with one libuv worker, node with one V8 worker. */
export function hogArgv(program: string, args: string[]): unknown[] {
  return [expect.stringMatching(/\/env$/), 'UV_THREADPOOL_SIZE=1', process.execPath, '--v8-pool-size=1', program, ...args];
}
