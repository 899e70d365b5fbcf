// The lab's cgroup directories on a v2 host: a leaf for the processes below the lab's own directory.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cgroupHasProcesses, cgroupHierarchies, createSessionCgroups, removeCgroupDir, thawCgroupTree } from '../../../src/cgroup/session.js';
import { HYBRID, V2 } from '../observe/fixtures.js';
import { copyTree, writes } from './tree.js';
import { syscallLog } from '../../../native/syscallLog.js';
import { realSys } from '../../../src/sys/real.js';

describe('createSessionCgroups', () => {
  it('on v2 makes container-lab-<id> and the leaf the processes go in', () => {
    const root = copyTree(V2);
    const h = cgroupHierarchies(root);
    expect(h).toEqual({ mode: 'v2', roots: [join(root, 'sys/fs/cgroup')], v2Root: join(root, 'sys/fs/cgroup'), systemd: false });
    expect(createSessionCgroups(h, 'abc', realSys, [5120]).dirs).toEqual([join(root, 'sys/fs/cgroup/container-lab-abc/container')]);
    expect(syscallLog.drain().map((e) => `${e.call} ${JSON.parse(e.args[0]).slice(root.length)}`)).toEqual([
      'mkdir /sys/fs/cgroup/container-lab-abc',
      'mkdir /sys/fs/cgroup/container-lab-abc/container',
    ]);
    expect(writes(root)).toEqual([]);
  });

  it('knows which root of a hybrid host is the cgroup2 one', () => {
    expect(cgroupHierarchies(HYBRID).v2Root).toBe(join(HYBRID, 'sys/fs/cgroup/unified'));
  });
});

describe('removeCgroupDir and cgroupHasProcesses', () => {
  it('remove children first and look for processes at every level', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'cl-cgroup-test-'));
    const top = join(scratch, 'container-lab-x');
    mkdirSync(join(top, 'container'), { recursive: true });
    expect(cgroupHasProcesses(top)).toBe(false);
    writeFileSync(join(top, 'container', 'cgroup.procs'), '999999999\n');
    expect(cgroupHasProcesses(top)).toBe(true);
    // plain directories, unlike cgroupfs ones, must be empty for rmdir(2)
    rmSync(join(top, 'container', 'cgroup.procs'));
    expect(await removeCgroupDir(top)).toBe(true);
    expect(existsSync(top)).toBe(false);
    rmSync(scratch, { recursive: true });
  });
});

describe('thawCgroupTree', () => {
  it('thaws every frozen cgroup below and at the directory (v1 freezer.state, v2 cgroup.freeze), and writes nothing else', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'cl-cgroup-test-'));
    const top = join(scratch, 'container-lab-x-docker');
    mkdirSync(join(top, 'paused'), { recursive: true });
    mkdirSync(join(top, 'running'), { recursive: true });
    writeFileSync(join(top, 'freezer.state'), 'THAWED\n');
    writeFileSync(join(top, 'paused', 'freezer.state'), 'FROZEN\n');
    writeFileSync(join(top, 'running', 'cgroup.freeze'), '1\n');
    const log: string[] = [];
    const fs = { readFile: (p: string) => readFileSync(p, 'utf8'), readdir: realSys.readdir, exists: existsSync, lstat: realSys.lstat, rmdir: () => undefined, kill: () => true,
      writeFile: (p: string, data: string) => { log.push(`${p.slice(top.length)} ${data}`); writeFileSync(p, data); } };
    thawCgroupTree(top, fs);
    expect(log.sort()).toEqual(['/paused/freezer.state THAWED', '/running/cgroup.freeze 0']);
    thawCgroupTree(join(scratch, 'gone'), fs);
    rmSync(scratch, { recursive: true });
  });
});
