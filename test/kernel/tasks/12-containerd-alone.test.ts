// Lesson 12's tasks for real: ctr's task killed and kept STOPPED by its shim; a container in a containerd namespace of the learner's, unseen by docker.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { describeAsRoot } from '../../support/requireRoot.js';
import { useLiveLesson } from '../../support/liveLesson.js';
import { expectSolved, expectUnsolved, openTask } from '../../support/taskRun.js';
import { shims } from '../../support/shimView.js';
import { isAlive, until } from '../../support/kernelView.js';
import { learnerCtr, learnerDocker, pause } from '../../support/learnerCommand.js';

function taskLine(dir: string, ns: string, id: string): string[] {
  return (learnerCtr(dir, ns, ['tasks', 'ls']).stdout.split('\n').find((l) => l.startsWith(id + ' ')) ?? '').trim().split(/\s+/);
}

describeAsRoot('lesson 12 tasks (containerd-alone)', () => {
  const live = useLiveLesson('containerd-alone');
  let dir = '';

  it('stopped-task: SIGTERM is dropped by PID 1; SIGKILL leaves the task STOPPED, its shim alive', async () => {
    await openTask(live, 'stopped-task');
    dir = (await live.helper.pids()).sessionDir;
    const [, pid] = taskLine(dir, 'default', 'container-lab-ctr');

    learnerCtr(dir, 'default', ['tasks', 'kill', 'container-lab-ctr']);
    await pause(500);
    const wrong = await expectUnsolved(live, 'stopped-task');
    expect(wrong.checks[0].detail).toBe('ctr -n default tasks ls: task container-lab-ctr is RUNNING, not STOPPED');

    learnerCtr(dir, 'default', ['tasks', 'kill', '-s', 'SIGKILL', 'container-lab-ctr']);
    expect(await until(() => taskLine(dir, 'default', 'container-lab-ctr')[2] === 'STOPPED', 5000)).toBe(true);
    await expectSolved(live, 'stopped-task');
    expect(isAlive(Number(pid))).toBe(false);
    expect(shims(dir).some((s) => / -id container-lab-ctr( |$)/.test(s.cmdline)), 'its shim still runs').toBe(true);
  }, 180_000);

  it('own-namespace: a container without a task does not do; a task in the lab\'s places, in namespace mine, does', async () => {
    await openTask(live, 'own-namespace');
    const image = 'docker.io/container-lab/lab:latest';
    learnerCtr(dir, 'mine', ['images', 'import', `${dir}/lab-image.tar`]);
    learnerCtr(dir, 'mine', ['containers', 'create', image, 'web', 'sleep', '600']);
    const wrong = await expectUnsolved(live, 'own-namespace');
    expect(wrong.checks[0].detail).toBe('mine: no task RUNNING');
    learnerCtr(dir, 'mine', ['containers', 'delete', 'web']);

    const info = learnerCtr(dir, 'default', ['containers', 'info', 'container-lab-ctr']).stdout;
    const parent = /"cgroupsPath": "(\/container-lab-[^"]+)\/container-lab-ctr"/.exec(info)![1];
    learnerCtr(dir, 'mine', ['run', '-d', '--cgroup', `${parent}/web`, '--runc-root', `${dir}/runc-ctr`, '--fifo-dir', `${dir}/fifo`, image, 'web', 'sleep', '600']);
    const t = await expectSolved(live, 'own-namespace');
    expect(t.checks[0].detail).toMatch(/^ctr -n mine tasks ls: web PID \d+ RUNNING/);
    const pid = Number(/web PID (\d+)/.exec(t.checks[0].detail)![1]);
    for (const line of readFileSync(`/proc/${pid}/cgroup`, 'utf8').trim().split('\n')) expect(line.split(':')[2]).toMatch(/^\/container-lab-/);
    expect(learnerDocker(dir, ['ps', '-a', '--format', '{{.Names}}']).stdout.trim()).toBe('container-lab-docker');
  }, 180_000);
});
