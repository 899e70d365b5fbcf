// Lesson 9's tasks for real: the shim found from the container's PID and marked with renice; docker's container stopped through containerd.
import { expect, it } from 'vitest';
import { describeAsRoot } from '../../support/requireRoot.js';
import { useLiveLesson } from '../../support/liveLesson.js';
import { expectSolved, expectUnsolved, openTask } from '../../support/taskRun.js';
import { labContainer, ppid } from '../../support/shimView.js';
import { isAlive, until } from '../../support/kernelView.js';
import { learnerCtr, learnerDocker, niceField, pause, type } from '../../support/learnerCommand.js';

describeAsRoot('lesson 9 tasks (dockerd-to-runc)', () => {
  const live = useLiveLesson('dockerd-to-runc');
  let dir = '';
  let container = { id: '', pid: 0 };

  it('mark-the-shim: the container itself reniced does not do; its shim (its parent) does', async () => {
    await openTask(live, 'mark-the-shim');
    dir = (await live.helper.pids()).sessionDir;
    container = labContainer(dir);
    const shim = ppid(container.pid);
    expect(niceField(shim)).toBe(0);

    type(['renice', '-n', '7', '-p', String(container.pid)]);
    const wrong = await expectUnsolved(live, 'mark-the-shim');
    expect(wrong.checks[0].detail).toBe(`the shim of PID ${container.pid} is PID ${shim}, with nice 0, not 7; ${container.pid} sleep has it instead`);
    type(['renice', '-n', '0', '-p', String(container.pid)]);

    type(['renice', '-n', '7', '-p', String(shim)]);
    const t = await expectSolved(live, 'mark-the-shim');
    expect(t.checks[0].detail).toContain(`parent is the shim ${shim}, nice 7`);
    expect(niceField(shim), 'the kernel\'s nice of the shim').toBe(7);
    expect(niceField(container.pid)).toBe(0);
  }, 180_000);

  it('kill-through-containerd: SIGTERM through ctr or docker is dropped by PID 1; SIGKILL through ctr stops it, dockerd records 137 and sent no SIGKILL', async () => {
    await openTask(live, 'kill-through-containerd');
    expect(labContainer(dir).id, 'the -d container, not the --rm one').toBe(container.id);

    learnerCtr(dir, 'moby', ['tasks', 'kill', container.id]);
    learnerDocker(dir, ['kill', '-s', 'TERM', container.id]);
    await pause(500);
    const wrong = await expectUnsolved(live, 'kill-through-containerd');
    expect(wrong.checks.find((c) => c.name.startsWith('exit-status-is'))!.detail).toBe(`docker inspect: container ${container.id.slice(0, 12)} is running`);
    expect(isAlive(container.pid), 'PID 1 of its namespace ignored SIGTERM').toBe(true);

    learnerCtr(dir, 'moby', ['tasks', 'kill', '-s', 'SIGKILL', container.id]);
    expect(await until(() => learnerDocker(dir, ['inspect', '-f', '{{.State.Status}}', container.id]).stdout.trim() === 'exited', 10_000)).toBe(true);
    const t = await expectSolved(live, 'kill-through-containerd');
    expect(t.checks.find((c) => c.name.startsWith('docker-did-not-kill'))!.detail).toMatch(/kill 15, die 137; die with exitCode 137, not of a signal dockerd sent$/);
    expect(isAlive(container.pid)).toBe(false);
    expect(learnerDocker(dir, ['inspect', '-f', '{{.State.ExitCode}}', container.id]).stdout.trim()).toBe('137');
  }, 180_000);
});
