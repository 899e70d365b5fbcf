// The tests' own reading of a process's cgroup files, v1 or v2, from /proc and mountinfo; no app code.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Mount { root: string; point: string; fstype: string; options: string[] }

function mounts(): Mount[] {
  return readFileSync('/proc/self/mountinfo', 'utf8').trim().split('\n').map((line) => {
    const [left, right] = line.split(' - ');
    const f = left.split(' ');
    const r = right.split(' ');
    return { root: f[3], point: f[4], fstype: r[0], options: r[2].split(',') };
  });
}

/** The directory holding <pid>'s files for a controller: its v1 hierarchy if mounted, else its v2 cgroup. */
export function cgroupDir(pid: number, controller: string): { dir: string; v2: boolean } {
  const lines = readFileSync(`/proc/${pid}/cgroup`, 'utf8').trim().split('\n').map((l) => {
    const [id, list, ...rest] = l.split(':');
    return { id, controllers: list.split(','), path: rest.join(':') };
  });
  const all = mounts();
  const v1 = all.find((m) => m.fstype === 'cgroup' && m.options.includes(controller));
  const line = v1 ? lines.find((l) => l.id !== '0' && l.controllers.includes(controller)) : lines.find((l) => l.id === '0');
  const mount = v1 ?? all.find((m) => m.fstype === 'cgroup2');
  if (!line || !mount) throw new Error(`no ${controller} cgroup for PID ${pid}`);
  const rel = mount.root === '/' ? line.path : line.path.slice(mount.root.length);
  return { dir: join(mount.point, rel), v2: !v1 };
}

export function cgroupRead(dir: string, name: string): string {
  return readFileSync(join(dir, name), 'utf8').trim();
}

export function cgroupKey(dir: string, name: string, key: string): number {
  const line = cgroupRead(dir, name).split('\n').find((l) => l.startsWith(`${key} `));
  if (!line) throw new Error(`no ${key} in ${join(dir, name)}`);
  return Number(line.split(' ')[1]);
}

export function cgroupHas(dir: string, name: string): boolean {
  return existsSync(join(dir, name));
}

/** PIDs in the cgroup of <pid> for a controller. */
export function cgroupProcs(pid: number, controller: string): number[] {
  return cgroupRead(cgroupDir(pid, controller).dir, 'cgroup.procs').split('\n').filter(Boolean).map(Number);
}
