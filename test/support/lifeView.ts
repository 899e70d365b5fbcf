// Lesson 15 read by the test itself: the nsenter step (a process in the container's namespaces whose parent is nsenter, outside its cgroup and
// seccomp filter) and the show-confinement steps (what runc left the container's PID 1: Docker's 14, seccomp, masked and read-only paths).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { expect } from 'vitest';
import { dockerCli, procTable } from './chainView.js';
import { nsLink, statusField } from './kernelView.js';

export function verifyNsenterStep(p: Record<string, any>, sessionDir: string): void {
  const init = Number(dockerCli(sessionDir, ['inspect', '--format', '{{.State.Pid}}', p.name]).stdout.trim());
  expect(init, `docker inspect ${p.name}`).toBeGreaterThan(0);
  const command = ((p.command as string[] | undefined) ?? ['sleep', '2000']).join(' ');
  const entered = procTable().find((r) => r.cmdline === command && r.pid !== init && nsLink(r.pid, 'pid') === nsLink(init, 'pid'));
  expect(entered, `"${command}" in ${p.name}'s PID namespace`).toBeTruthy();
  for (const ns of ['mnt', 'uts', 'ipc', 'net']) expect(nsLink(entered!.pid, ns), ns).toBe(nsLink(init, ns));
  expect(readFileSync(`/proc/${entered!.ppid}/comm`, 'utf8').trim()).toBe('nsenter');
  expect(readFileSync(`/proc/${entered!.pid}/cgroup`, 'utf8')).not.toBe(readFileSync(`/proc/${init}/cgroup`, 'utf8'));
  expect(statusField(entered!.pid, 'Seccomp')).toBe('0');
}

/** Docker's 14 (moby v20.10 oci/caps/defaults.go) as the mask /proc/<pid>/status shows: bits 0 1 3-8 10 13 18 27 29 31 of capabilities(7). */
const DOCKER_CAPS = '00000000a80425fb';
/** moby v20.10 oci/defaults.go, written out here, not taken from the app. */
const DOCKER_MASKED = ['/proc/asound', '/proc/acpi', '/proc/kcore', '/proc/keys', '/proc/latency_stats', '/proc/timer_list', '/proc/timer_stats', '/proc/sched_debug', '/proc/scsi', '/sys/firmware'];
const DOCKER_READONLY = ['/proc/bus', '/proc/fs', '/proc/irq', '/proc/sys', '/proc/sysrq-trigger'];

export function verifyConfinementStep(p: Record<string, any>, sessionDir: string): void {
  const init = Number(dockerCli(sessionDir, ['inspect', '--format', '{{.State.Pid}}', p.name]).stdout.trim());
  expect(init, `docker inspect ${p.name}`).toBeGreaterThan(0);
  if (p.read === 'status') {
    for (const set of ['CapBnd', 'CapPrm', 'CapEff']) expect(statusField(init, set), set).toBe(DOCKER_CAPS);
    expect(statusField(init, 'CapAmb')).toBe('0000000000000000');
    expect([statusField(init, 'NoNewPrivs'), statusField(init, 'Seccomp'), statusField(init, 'Seccomp_filters')]).toEqual(['0', '2', '1']);
    return;
  }
  // the last mount on each path in PID 1's mount namespace; a path this kernel has not got is left alone, as runc does
  const last = new Map<string, string[]>();
  for (const line of readFileSync(`/proc/${init}/mountinfo`, 'utf8').trim().split('\n')) {
    const f = line.split(' ');
    last.set(f[4], f);
  }
  const present = (path: string) => existsSync(path);
  expect(present('/proc/keys') && present('/proc/timer_list') && present('/proc/sys'), 'the host has the paths the lesson checks').toBe(true);
  for (const path of DOCKER_MASKED.filter(present)) {
    const f = last.get(path);
    expect(f, `${path} is a mount point in ${p.name}`).toBeTruthy();
    const st = statSync(`/proc/${init}/root${path}`);
    if (statSync(path).isDirectory()) {
      expect([f![f!.indexOf('-') + 1], f![5].split(',')[0]], `${path}: a read-only tmpfs`).toEqual(['tmpfs', 'ro']);
    } else {
      expect([st.isCharacterDevice(), st.rdev], `${path}: /dev/null`).toEqual([true, statSync('/dev/null').rdev]);
    }
  }
  for (const path of DOCKER_READONLY.filter(present)) {
    expect(last.get(path)?.[5].split(','), `${path} read-only`).toContain('ro');
  }
  expect(existsSync(`/proc/${init}/root/proc/kcore`), '/proc/kcore where the host has one, else not').toBe(existsSync('/proc/kcore'));
}
