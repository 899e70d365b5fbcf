// Lesson 15's nsenter step read by the test itself: a process in the container's namespaces whose parent is nsenter, outside its cgroup and seccomp filter.
import { readFileSync } from 'node:fs';
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
