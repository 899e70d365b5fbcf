// join-cgroup: mkdir the session's cgroup, write the container's PIDs to cgroup.procs, show /proc/<pid>/cgroup.
import { describe, expect, it } from 'vitest';
import { joinCgroup } from '../../../src/actions/joinCgroup.js';
import { cgroupSkip } from '../../../src/actions/cgroupState.js';
import { fakeLab } from '../../support/fakeLab.js';
import { RecordingSys } from '../../support/recordingSys.js';

const DIR = '/sys/fs/cgroup/container-lab-test';

describe('join-cgroup', () => {
  it('makes the session cgroup and its leaf (v2), moves the container process and a running PID 1 in', async () => {
    const sys = new RecordingSys({ files: { '/proc/1000/cgroup': '0::/container-lab-test/leaf\n' }, dirs: ['/proc/2000'] });
    const ctx = fakeLab({ sys, initPid: 2000 });
    const result = await joinCgroup.run(ctx, {});
    const leaf = ctx.cgroupDirs[0];
    expect(ctx.cgroupDirs).toEqual([expect.stringMatching(new RegExp(`^${DIR}/`))]);
    expect(ctx.sys.calls).toEqual([
      { via: 'fs', call: 'mkdir', path: DIR, mode: 0o755 },
      { via: 'fs', call: 'mkdir', path: leaf, mode: 0o755 },
      { via: 'fs', call: 'writeFile', path: `${leaf}/cgroup.procs`, data: '1000' },
      { via: 'fs', call: 'writeFile', path: `${leaf}/cgroup.procs`, data: '2000' },
    ]);
    expect(result.log.map((e) => e.call)).toEqual(['mkdir', 'mkdir', 'write', 'write']);
    expect(result.output).toEqual(['cgroup mode: v2; 1 directory', 'the lab\'s cgroup is a directory under the cgroup2 root (no systemd here: nothing else manages the tree)',
      '/proc/1000/cgroup now reads:', '  0::/container-lab-test/leaf']);
  });

  it('leaves out a PID 1 that has exited', async () => {
    const ctx = fakeLab({ sys: new RecordingSys({ files: { '/proc/1000/cgroup': '0::/x\n' } }), initPid: 2000 });
    await joinCgroup.run(ctx, {});
    expect(ctx.sys.calls.filter((c) => c.via === 'fs' && c.call === 'writeFile').map((c) => (c as { data: string }).data)).toEqual(['1000']);
  });

  it('rootless with nothing delegated, makes nothing and is skipped, saying why and what the host needs; with no cgroup filesystem, fails', async () => {
    const rootless = fakeLab({ rootless: true });
    const result = await joinCgroup.run(rootless, {});
    expect(result.skipped?.reason).toMatch(/^not root, and no cgroup of the lab's own can be made here: /);
    expect(result.skipped?.needs).toMatch(/^a cgroup v2 subtree systemd delegates to your user .*, or root: /);
    expect(cgroupSkip(rootless)).toEqual(result.skipped);
    expect(rootless.sys.calls).toEqual([]);
    const none = fakeLab({ cgroups: { mode: 'v2', roots: [], v2Root: null, systemd: false } });
    await expect(joinCgroup.run(none, {})).rejects.toThrow('no cgroup filesystem is mounted on this host');
  });
});
