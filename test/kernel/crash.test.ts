// SIGKILL the app in the middle of each lesson: within 2 s no lab process or mount remains,
// and the next start removes the cgroup directory the crashed session left.
import { expect, it } from 'vitest';
import { spawn, execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { loadLessons } from '../../src/lesson/loadLessons.js';
import { lessonsDir, packageRoot } from '../../src/sys/packageRoot.js';
import { describeAsRoot } from '../support/requireRoot.js';
import { isAlive, labCgroupDirs, labMountsOnHost, labProcesses, until } from '../support/kernelView.js';
import { dockerRunLeftovers } from '../support/dockerRunView.js';

const cli = join(packageRoot(), 'dist/src/cli.js');
const { lessons } = loadLessons(lessonsDir());

/** Runs the lesson with --no-tui and SIGKILLs the app once `stopAfter` steps have printed. */
async function killMidway(lessonId: string, stopAfter: number, wholeGroup = false): Promise<{ pids: number[]; transcript: string }> {
  const child = spawn(process.execPath, [cli, 'run', lessonId, '--no-tui', '--json'], { stdio: ['ignore', 'pipe', 'inherit'], detached: wholeGroup });
  let transcript = '';
  const pids = new Set<number>();
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      transcript += chunk.toString();
      const steps = transcript.split('\n').filter((l) => l.includes('"type":"step"'));
      for (const line of steps) {
        const state = JSON.parse(line).state;
        for (const p of state?.processes ?? []) pids.add(p.hostPid);
      }
      if (steps.length >= stopAfter) {
        // The app alone, or the app with its helper (its process group): nothing gets to clean up.
        if (wholeGroup) process.kill(-child.pid!, 'SIGKILL');
        else child.kill('SIGKILL');
        resolve();
      }
    });
    child.on('exit', () => resolve());
    child.on('error', reject);
  });
  return { pids: [...pids], transcript };
}

describeAsRoot('crash safety', () => {
  for (const lesson of lessons) {
    const midway = Math.max(1, lesson.steps.length - 2);
    it(`SIGKILL during ${lesson.id} (after step ${midway}) leaves no process or mount after 2 s`, async () => {
      const { pids } = await killMidway(lesson.id, midway);
      expect(pids.length).toBeGreaterThan(0);
      const clean = await until(() => pids.every((p) => !isAlive(p)) && labProcesses().length === 0 && labMountsOnHost().length === 0, 2000);
      expect(clean, `alive: ${pids.filter(isAlive)} lab: ${labProcesses()} mounts: ${labMountsOnHost()}`).toBe(true);
      // The kernel does not reclaim cgroup directories: the next start sweeps them.
      execFileSync(process.execPath, [cli, 'cleanup'], { stdio: 'ignore' });
      expect(labCgroupDirs()).toEqual([]);
    });
  }

  // The chain: after `docker run -d` there are two daemons, a shim (which outlives containerd by
  // design) and the container. With the helper killed too, only the reaper is left to end them.
  for (const wholeGroup of [false, true]) {
    it(`SIGKILL during dockerd-to-runc with a container running (${wholeGroup ? 'app and helper: the reaper' : 'app alone: the helper'} cleans): no daemon, shim, container or mount after 5 s`, async () => {
      const lesson = lessons.find((l) => l.id === 'dockerd-to-runc');
      expect(lesson).toBeDefined();
      const after = lesson!.steps.findIndex((s) => s.action.name === 'traced-run') + 1;
      const { pids, transcript } = await killMidway('dockerd-to-runc', after, wholeGroup);
      expect(transcript).toContain('containerd-shim');
      expect(pids.length).toBeGreaterThanOrEqual(4); // containerd, dockerd, shim, the container
      const clean = await until(() => pids.every((p) => !isAlive(p)) && labProcesses().length === 0 && labMountsOnHost().length === 0, 5000);
      expect(clean, `alive: ${pids.filter(isAlive)} lab: ${labProcesses()} mounts: ${labMountsOnHost()}`).toBe(true);
      execFileSync(process.execPath, [cli, 'cleanup'], { stdio: 'ignore' });
      expect(labCgroupDirs()).toEqual([]);
    });
  }

  // docker-run: after the published-port step there is a bridge process, a veth pair and a forwarder.
  const dockerRunLesson = lessons.find((l) => l.id === 'docker-run');
  for (const wholeGroup of [false, true]) {
    it(`SIGKILL during docker-run after the network step (${wholeGroup ? 'app and helper' : 'app alone'}): no lab process, cl- link or mount after 2 s`, async () => {
      expect(dockerRunLesson).toBeDefined();
      const after = dockerRunLesson!.steps.findIndex((s) => s.action.name === 'publish-port') + 1;
      expect(after).toBeGreaterThan(0);
      const { pids, transcript } = await killMidway('docker-run', after, wholeGroup);
      expect(transcript).toContain('forwarder');
      // The session's own processes (container, PID 1, httpd), the bridge and the forwarder (the
      // latter two are found by name: no one else makes them), its mounts and its cl- links.
      const clean = await until(() => pids.every((p) => !isAlive(p)) && labMountsOnHost().length === 0 && dockerRunLeftovers().length === 0, 2000);
      expect(clean, `alive: ${pids.filter(isAlive)} mounts: ${labMountsOnHost()} net: ${dockerRunLeftovers()}`).toBe(true);
    });
  }

  const withCgroup = lessons.find((l) => l.steps.some((s) => s.action.name === 'join-cgroup'));
  it('SIGKILL of the app and its helper together: the kernel reclaims processes and mounts, the next start the cgroup', async () => {
    expect(withCgroup).toBeDefined();
    const after = withCgroup!.steps.findIndex((s) => s.action.name === 'join-cgroup') + 1;
    const { pids } = await killMidway(withCgroup!.id, after, true);
    expect(await until(() => pids.every((p) => !isAlive(p)) && labMountsOnHost().length === 0, 2000)).toBe(true);
    expect(labCgroupDirs().length, 'the crashed session left its cgroup directory').toBeGreaterThan(0);
    execFileSync(process.execPath, [cli, 'cleanup'], { stdio: 'ignore' });
    expect(labCgroupDirs()).toEqual([]);
  });
});
