// The runc-alone lesson's state read by the tests themselves: runc's own CLI on the lab's --root, /proc, cgroupfs, nsenter.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { inNamespaces, isAlive, nsLink, statusField } from './kernelView.js';

function runc(): string {
  for (const dir of ['/usr/sbin', '/usr/bin', '/sbin', '/bin', '/usr/local/sbin', '/usr/local/bin']) if (existsSync(join(dir, 'runc'))) return join(dir, 'runc');
  throw new Error('runc is not installed');
}

/** The lab's runc containers: the directories in <session>/runc (runc's --root), one per id. */
function containerIds(sessionDir: string): string[] {
  try {
    return readdirSync(join(sessionDir, 'runc'));
  } catch {
    return [];
  }
}

function runcState(sessionDir: string, id: string): { status: number | null; json: any; stderr: string } {
  const r = spawnSync(runc(), ['--root', join(sessionDir, 'runc'), 'state', id], { encoding: 'utf8', timeout: 10_000 });
  return { status: r.status, json: r.status === 0 ? JSON.parse(r.stdout) : null, stderr: r.stderr ?? '' };
}

function comm(pid: number): string {
  return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
}

function zombieOrGone(pid: number): boolean {
  return !isAlive(pid);
}

/** Every cgroup directory of this path, in each mounted hierarchy (v1 controllers, name=systemd, unified). */
function cgroupDirsOf(path: string): string[] {
  const out: string[] = [];
  for (const line of readFileSync('/proc/self/mountinfo', 'utf8').split('\n')) {
    const f = line.split(' ');
    const type = f[f.indexOf('-') + 1];
    if (type === 'cgroup' || type === 'cgroup2') out.push(join(f[4], path));
  }
  return out.filter((d) => existsSync(d));
}

/** runc processes of this session still running (their command line names its --root). */
function runcProcesses(sessionDir: string): number[] {
  const root = join(sessionDir, 'runc') + '\0';
  return readdirSync('/proc')
    .filter((n) => /^\d+$/.test(n) && Number(n) !== process.pid)
    .filter((n) => {
      try {
        return readFileSync(`/proc/${n}/cmdline`, 'utf8').includes(root);
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** The init PIDs this test saw, for the after-close check. */
const seenInits = new Set<number>();

function theContainer(sessionDir: string): { id: string; state: any } {
  const ids = containerIds(sessionDir);
  expect(ids, 'one container in runc\'s --root').toHaveLength(1);
  const r = runcState(sessionDir, ids[0]);
  expect(r.status, r.stderr).toBe(0);
  return { id: ids[0], state: r.json };
}

function initPid(sessionDir: string): number {
  return Number(readFileSync(join(sessionDir, 'runc-init.pid'), 'utf8').trim());
}

/** After runc create: the init waits, in namespaces of its own, in the lab's cgroup, with no runc left above it. */
function verifyCreated(sessionDir: string, config: any): void {
  const { state } = theContainer(sessionDir);
  const pid = initPid(sessionDir);
  seenInits.add(pid);
  expect(state.status).toBe('created');
  expect(state.pid).toBe(pid);
  expect(comm(pid)).toBe('runc:[2:INIT]');
  for (const ns of ['pid', 'net', 'mnt', 'uts', 'ipc']) expect(nsLink(pid, ns), ns).not.toBe(nsLink('self', ns));
  expect(statusField(pid, 'NSpid').split(/\s+/).pop()).toBe('1');
  expect(inNamespaces(pid, ['--uts'], ['hostname']).trim()).toBe('container-lab');
  // runc 1.1 specconv adds a loopback network for a new net namespace; the init set lo up before waiting
  const links = inNamespaces(pid, ['--net'], ['ip', '-o', 'link', 'show']).trim().split('\n');
  expect(links.map((l) => /^\d+:\s+([^:@]+)[^<]*<([^>]*)>/.exec(l)?.slice(1, 3)), 'only lo, and it is UP').toEqual([['lo', expect.stringMatching(/(^|,)UP(,|$)/)]]);
  expect(readFileSync(`/proc/${pid}/cgroup`, 'utf8')).toContain(config.linux.cgroupsPath);
  // runc has exited: the init's parent is not runc, and no runc of the session runs
  expect(comm(Number(statusField(pid, 'PPid')))).not.toMatch(/^runc/);
  expect(runcProcesses(sessionDir)).toEqual([]);
  // its stdio: /dev/null in, the session's log file out, never a pipe of the lab
  expect([0, 1, 2].map((fd) => readlinkSync(`/proc/${pid}/fd/${fd}`))).toEqual(['/dev/null', ...Array(2).fill(join(sessionDir, 'runc-container.log'))]);
}

/** What the runc-alone actions must have done, checked without the app. */
export function verifyRuncStep(action: string, p: Record<string, any>, sessionDir: string): void {
  if (action === 'runc-bundle') {
    const config = JSON.parse(readFileSync(join(sessionDir, 'bundle/config.json'), 'utf8'));
    expect(config.process.args).toEqual(p.args ?? ['/bin/sleep', '3600']);
    expect(config.process.terminal).toBe(false);
    expect(config.hostname).toBe('container-lab');
    expect(config.root.path).toBe('rootfs');
    expect(config.linux.cgroupsPath).toMatch(/^\/container-lab-[a-z0-9]+-runc\/cl-[a-z0-9]+$/);
    expect(config.linux.namespaces.map((n: { type: string }) => n.type).sort()).toEqual(['ipc', 'mount', 'network', 'pid', 'uts']);
    expect(statSync(join(sessionDir, 'bundle/rootfs/bin/busybox')).isFile()).toBe(true);
    expect(containerIds(sessionDir), 'no container yet').toEqual([]);
    return;
  }
  if (action !== 'runc') throw new Error(`no runc verification for ${action}`);
  const config = JSON.parse(readFileSync(join(sessionDir, 'bundle/config.json'), 'utf8'));
  switch (p.op) {
    case 'create':
      verifyCreated(sessionDir, config);
      break;
    case 'state': {
      const { state } = theContainer(sessionDir);
      if (state.status === 'created') verifyCreated(sessionDir, config);
      else expect(isAlive(initPid(sessionDir))).toBe(state.status === 'running');
      break;
    }
    case 'start': {
      const { state } = theContainer(sessionDir);
      const pid = initPid(sessionDir);
      expect(state.status).toBe('running');
      expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean)).toEqual(config.process.args);
      expect(statusField(pid, 'NSpid').split(/\s+/).pop()).toBe('1');
      break;
    }
    case 'kill': {
      const { state } = theContainer(sessionDir);
      const pid = initPid(sessionDir);
      if (/^(SIG)?KILL$/.test(p.signal ?? 'TERM')) {
        expect(state.status).toBe('stopped');
        expect(zombieOrGone(pid)).toBe(true);
      } else {
        // pid_namespaces(7): PID 1 without a handler ignores it, even from the host
        expect(state.status).toBe('running');
        expect(isAlive(pid)).toBe(true);
      }
      break;
    }
    case 'delete': {
      expect(containerIds(sessionDir)).toEqual([]);
      const r = runcState(sessionDir, config.linux.cgroupsPath.split('/').pop());
      expect(r.status).not.toBe(0);
      expect(r.stderr).toMatch(/does not exist/);
      expect(cgroupDirsOf(config.linux.cgroupsPath)).toEqual([]);
      break;
    }
    default:
      throw new Error(`no runc verification for op ${p.op}`);
  }
}

/** What a closed runc-alone lesson may not leave: the inits it saw, a lab runc cgroup, runc processes. */
export function runcLeftovers(sessionDir: string): string[] {
  const left: string[] = [];
  // the session's cgroup parent, named the way the lab names it: container-lab-<session id>-runc
  const parent = `container-lab-${sessionDir.slice(sessionDir.lastIndexOf('session-') + 8).toLowerCase().replace(/[^a-z0-9]/g, 'x')}-runc`;
  for (const pid of seenInits) if (isAlive(pid)) left.push(`process ${pid} ${comm(pid)}`);
  for (const pid of runcProcesses(sessionDir)) left.push(`runc process ${pid}`);
  for (const line of readFileSync('/proc/self/mountinfo', 'utf8').split('\n')) {
    const f = line.split(' ');
    const type = f[f.indexOf('-') + 1];
    if (type !== 'cgroup' && type !== 'cgroup2') continue;
    for (const name of readdirSync(f[4])) if (name === parent) left.push(`cgroup ${join(f[4], name)}`);
  }
  if (existsSync(join(sessionDir, 'runc'))) left.push(`dir ${join(sessionDir, 'runc')}`);
  return left;
}
