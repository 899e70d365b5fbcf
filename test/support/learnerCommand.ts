// What a learner types in a host shell, run by a task's kernel test: the program's own exit status and output, not the lab's.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';

export interface Typed {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs argv as the learner would (root, a host shell); `status` is what the command must exit with. */
export function type(argv: string[], status: number | null = 0): Typed {
  const r = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8', timeout: 60_000 });
  const out = { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
  if (status !== null) expect(out.status, `${argv.join(' ')}: ${out.stderr}`).toBe(status);
  return out;
}

/** A command that leaves a process behind with its stdio (runc exec -d): no pipes to wait on, only the status. */
export function typeDetached(argv: string[]): void {
  const r = spawnSync(argv[0], argv.slice(1), { stdio: 'ignore', timeout: 60_000 });
  expect(r.status, argv.join(' ')).toBe(0);
}

/** `docker -H unix://$S/docker.sock …` as the task texts write it (its own client config in the session dir). */
export function learnerDocker(dir: string, args: string[], status: number | null = 0): Typed {
  return type(['env', `DOCKER_CONFIG=${join(dir, 'learner-docker-cli')}`, 'docker', '-H', `unix://${dir}/docker.sock`, ...args], status);
}

/** `ctr -a $S/containerd.sock -n <namespace> …` as the task texts write it. */
export function learnerCtr(dir: string, namespace: string, args: string[], status: number | null = 0): Typed {
  return type(['ctr', '-a', `${dir}/containerd.sock`, '-n', namespace, ...args], status);
}

/** proc(5) /proc/<pid>/stat field 19: the nice value, read by the test itself. */
export function niceField(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
}

export const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
