// Lesson 11's tasks for real: containerd stopped by its PID with the container alive under its shim; a container of the learner's that exits 3.
import { expect, it } from 'vitest';
import { describeAsRoot } from '../../support/requireRoot.js';
import { useLiveLesson } from '../../support/liveLesson.js';
import { expectSolved, expectUnsolved, openTask, taskState } from '../../support/taskRun.js';
import { labContainer, ppid } from '../../support/shimView.js';
import { sessionProcesses } from '../../support/chainView.js';
import { isAlive, until } from '../../support/kernelView.js';
import { learnerDocker, pause, type } from '../../support/learnerCommand.js';

function containerdPid(dir: string): number {
  const pids = type(['pgrep', '-f', `containerd --config ${dir}/`]).stdout.trim().split('\n').map(Number);
  expect(pids, 'one lab containerd').toHaveLength(1);
  return pids[0];
}

describeAsRoot('lesson 11 tasks (shim)', () => {
  const live = useLiveLesson('shim');

  it('containerd-down: a stopped (SIGSTOP) containerd is not gone; SIGTERM by its PID is, and the container lives on under its shim', async () => {
    await openTask(live, 'containerd-down');
    const dir = (await live.helper.pids()).sessionDir;
    const container = labContainer(dir);
    const shim = ppid(container.pid);
    const pid = containerdPid(dir);

    type(['kill', '-STOP', String(pid)]);
    await pause(100);
    const wrong = await expectUnsolved(live, 'containerd-down');
    expect(wrong.checks[0].detail).toBe(`containerd still runs: pid ${pid}`);
    type(['kill', '-CONT', String(pid)]);

    type(['kill', '-TERM', String(pid)]);
    expect(await until(() => !isAlive(pid), 5000), 'containerd ended').toBe(true);
    await expectSolved(live, 'containerd-down');
    expect(isAlive(container.pid)).toBe(true);
    expect(ppid(container.pid), 'the same shim').toBe(shim);
    expect(sessionProcesses(dir).filter((p) => p.comm === 'containerd')).toEqual([]);

    // ← then →, as the text says: the lab rebuilds and starts its containerd again; the task stays solved
    await live.session.back();
    await live.session.next();
    const step = live.session.getState().steps[live.session.getState().cursor - 1];
    expect(step.checks.every((c) => c.ok), JSON.stringify(step.checks)).toBe(true);
    expect(taskState(live, 'containerd-down').status).toBe('solved');
  }, 180_000);

  it('exit-three: a container exiting 4 does not do; one named three exiting 3 does, as docker inspect records it', async () => {
    await openTask(live, 'exit-three');
    const dir = (await live.helper.pids()).sessionDir;
    const args = ['run', '--name', 'three', '--network', 'none', 'container-lab/lab:latest', 'sh', '-c'];

    learnerDocker(dir, [...args, 'exit 4'], 4);
    const wrong = await expectUnsolved(live, 'exit-three');
    expect(wrong.checks[0].detail).toBe('docker inspect: ExitCode 4, not 3');
    learnerDocker(dir, ['rm', 'three']);

    learnerDocker(dir, [...args, 'exit 3'], 3);
    await expectSolved(live, 'exit-three');
    expect(learnerDocker(dir, ['inspect', '-f', '{{.State.Status}} {{.State.ExitCode}}', 'three']).stdout.trim()).toBe('exited 3');
  }, 180_000);
});
