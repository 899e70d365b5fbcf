// The shim and containerd lessons' state read by the tests themselves: /proc fds and parents, docker and ctr on the lab's sockets.
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { expect } from 'vitest';
import { ctrCli, dockerCli, procTable, sessionProcesses, type ProcRow } from './chainView.js';
import { isAlive, statusField } from './kernelView.js';

/** A synchronous pause for polling inside a synchronous verify. */
function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function untilSync(condition: () => boolean, ms: number): boolean {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (condition()) return true;
    sleepSync(20);
  }
  return condition();
}

/** The session's docker container: the one with the lab's label (dockerd answers this without containerd). */
export function labContainer(sessionDir: string): { id: string; pid: number } {
  const ids = dockerCli(sessionDir, ['ps', '-a', '-q', '--no-trunc', '--filter', 'label=container-lab']).stdout.trim().split('\n').filter(Boolean);
  expect(ids, 'one labelled docker container').toHaveLength(1);
  const pid = Number(dockerCli(sessionDir, ['inspect', '--format', '{{.State.Pid}}', ids[0]]).stdout.trim());
  return { id: ids[0], pid };
}

export function shims(sessionDir: string): ProcRow[] {
  return sessionProcesses(sessionDir).filter((p) => p.comm.startsWith('containerd-shim'));
}

export function ppid(pid: number): number {
  return Number(statusField(pid, 'PPid'));
}

function fdTargets(pid: number): Map<string, string> {
  const out = new Map<string, string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      out.set(fd, readlinkSync(`/proc/${pid}/fd/${fd}`));
    } catch {
      // closed meanwhile
    }
  }
  return out;
}

function accessMode(pid: number, fd: string | number): number {
  return parseInt(/^flags:\s+([0-7]+)$/m.exec(readFileSync(`/proc/${pid}/fdinfo/${fd}`, 'utf8'))![1], 8) & 0o3;
}

/** The container's first process is a live child of a lab shim; returns the shim's PID. */
export function expectUnderShim(sessionDir: string, pid: number): number {
  expect(isAlive(pid), `container PID ${pid} alive`).toBe(true);
  const parent = ppid(pid);
  const shim = shims(sessionDir).find((s) => s.pid === parent);
  expect(shim, `PID ${pid}'s parent ${parent} is a lab shim`).toBeTruthy();
  expect(readFileSync(`/proc/${parent}/comm`, 'utf8').trim()).toMatch(/^containerd-shim/);
  return parent;
}

export function verifyShimStep(action: string, p: Record<string, any>, sessionDir: string): void {
  const procs = () => sessionProcesses(sessionDir);
  switch (action) {
    case 'stop-containerd': {
      expect(procs().filter((r) => r.comm === 'containerd'), 'no containerd of the session').toEqual([]);
      const { pid } = labContainer(sessionDir);
      expectUnderShim(sessionDir, pid);
      break;
    }
    case 'start-containerd': {
      expect(procs().filter((r) => r.comm === 'containerd'), 'one containerd again').toHaveLength(1);
      const { id, pid } = labContainer(sessionDir);
      const line = ctrCli(sessionDir, p.namespace ?? 'moby', ['tasks', 'ls']).stdout.split('\n').find((l) => l.startsWith(id + ' '));
      expect(line?.trim().split(/\s+/), 'ctr lists the same task, same PID, RUNNING').toEqual([id, String(pid), 'RUNNING']);
      expectUnderShim(sessionDir, pid);
      break;
    }
    case 'start-dockerd': {
      const dockerd = procs().filter((r) => r.comm === 'dockerd');
      expect(dockerd).toHaveLength(1);
      expect(dockerd[0].cmdline).toContain(`--containerd ${sessionDir}/containerd.sock`);
      expect(dockerd[0].cmdline).toContain('--bridge=none');
      expect(procs().filter((r) => r.comm === 'containerd'), 'the containerd that ran before, alone').toHaveLength(1);
      expect(dockerCli(sessionDir, ['version', '--format', '{{.Server.Version}}']).status).toBe(0);
      break;
    }
    case 'show-stdio': {
      const { id, pid } = labContainer(sessionDir);
      const shim = expectUnderShim(sessionDir, pid);
      const shimFds = fdTargets(shim);
      for (const fd of [0, 1, 2]) {
        const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
        expect(target).toMatch(/^pipe:\[\d+\]$/);
        const mode = accessMode(pid, fd);
        const peers = [...shimFds].filter(([n, t]) => t === target && accessMode(shim, n) === (mode === 0 ? 1 : 0));
        expect(peers.length, `shim holds the other end of fd ${fd}`).toBeGreaterThan(0);
      }
      // and the shim's FIFOs in dockerd's exec root, which dockerd holds open too
      const dockerd = procs().find((r) => r.comm === 'dockerd')!;
      const dockerdTargets = new Set(fdTargets(dockerd.pid).values());
      for (const stream of ['stdout', 'stderr']) {
        const fifo = `${sessionDir}/docker/exec/containerd/${id}/init-${stream}`;
        expect([...shimFds.values()], `shim holds ${fifo}`).toContain(fifo);
        expect(dockerdTargets.has(fifo), `dockerd holds ${fifo}`).toBe(true);
      }
      break;
    }
    case 'touch-in-container': {
      const { id } = labContainer(sessionDir);
      const upper = dockerCli(sessionDir, ['inspect', '--format', '{{.GraphDriver.Data.UpperDir}}', id]).stdout.trim();
      expect(existsSync(`${upper}${p.path}`), `${p.path} in the container's upperdir`).toBe(true);
      // the container's processes are gone: no shim of the session has a live child
      const table = procTable();
      const children = () => table.filter((r) => shims(sessionDir).some((s) => s.pid === r.ppid) && isAlive(r.pid));
      expect(untilSync(() => children().length === 0, 3000), `left: ${children().map((c) => c.pid)}`).toBe(true);
      break;
    }
    default:
      throw new Error(`no shim verification for ${action}`);
  }
}
