// Lesson 12's tasks for real: ctr's task killed and kept STOPPED by its shim; docker's container paused from containerd's side, and docker hearing of it.
import { existsSync, readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { describeAsRoot } from '../../support/requireRoot.js';
import { useLiveLesson } from '../../support/liveLesson.js';
import { expectSolved, expectUnsolved, openTask, readTask } from '../../support/taskRun.js';
import { shims } from '../../support/shimView.js';
import { isAlive, until } from '../../support/kernelView.js';
import { learnerCtr, learnerDocker, pause, type } from '../../support/learnerCommand.js';

/** proc(5) /proc/<pid>/stat field 3, read by the test itself. */
function procState(pid: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
}

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

  it('pause-from-containerd: SIGSTOP is no pause; ctr -n moby tasks pause freezes the cgroup and docker says Paused; resume', async () => {
    await openTask(live, 'pause-from-containerd');
    const lines = learnerCtr(dir, 'moby', ['tasks', 'ls']).stdout.trim().split('\n').slice(1);
    expect(lines.length).toBe(1);
    const [id, pidText] = lines[0].trim().split(/\s+/);
    const pid = Number(pidText);
    expect(id).toMatch(/^[0-9a-f]{64}$/);

    type(['kill', '-STOP', String(pid)]);
    expect(await until(() => procState(pid) === 'T', 5000)).toBe(true);
    const wrong = await expectUnsolved(live, 'pause-from-containerd');
    expect(wrong.checks[0].detail).toBe(`ctr -n moby tasks ls: task ${id.slice(0, 12)} is RUNNING, not PAUSED`);
    expect(wrong.checks[1].detail).toBe(`docker inspect ${id.slice(0, 12)}: State.Paused false, State.Status running; its PID ${pid} is stopped by a signal (stat T), which neither containerd nor docker counts as paused`);
    type(['kill', '-CONT', String(pid)]);

    learnerCtr(dir, 'moby', ['tasks', 'pause', id]);
    const t = await expectSolved(live, 'pause-from-containerd');
    expect(t.checks[0].detail).toMatch(new RegExp(`^ctr -n moby tasks ls: ${id.slice(0, 12)} PID ${pid} PAUSED; \\S+: (FROZEN|frozen 1)$`));
    expect(t.checks[1].detail).toBe(`docker inspect ${id.slice(0, 12)}: State.Paused true, State.Status paused`);
    // the kernel's own word: the freezer file the check named, read by the test
    const file = /PAUSED; (\S+):/.exec(t.checks[0].detail)![1];
    expect(readFileSync(file, 'utf8')).toMatch(/^FROZEN$|^frozen 1$/m);
    expect(learnerDocker(dir, ['ps', '--format', '{{.Names}} {{.Status}}']).stdout).toMatch(/^container-lab-docker Up .*\(Paused\)$/m);

    learnerCtr(dir, 'moby', ['tasks', 'resume', id]);
    expect(await until(() => learnerDocker(dir, ['inspect', '--format', '{{.State.Status}}', id]).stdout.trim() === 'running', 5000)).toBe(true);
    expect((await readTask(live, 'pause-from-containerd')).status).toBe('solved');
    expect(procState(pid)).not.toBe('T');
  }, 180_000);

  it('a learner who never resumes: the close thaws the frozen cgroup, and the container and its cgroups go', async () => {
    const [id, pidText] = learnerCtr(dir, 'moby', ['tasks', 'ls']).stdout.trim().split('\n')[1].trim().split(/\s+/);
    const pid = Number(pidText);
    learnerCtr(dir, 'moby', ['tasks', 'pause', id]);
    const freezer = readFileSync(`/proc/${pid}/cgroup`, 'utf8').split('\n').find((l) => /^\d+:([^:]*,)?freezer(,[^:]*)?:/.test(l));
    const top = (freezer ?? readFileSync(`/proc/${pid}/cgroup`, 'utf8').split('\n').find((l) => l.startsWith('0::'))!).split(':')[2].split('/')[1];
    expect(top).toMatch(/^container-lab-/);
    await live.session.close();
    expect(isAlive(pid), 'the paused container process is gone').toBe(false);
    const mounts = readFileSync('/proc/self/mountinfo', 'utf8').split('\n').filter((l) => / - cgroup2? /.test(l)).map((l) => l.split(' ')[4]);
    for (const m of mounts) expect(existsSync(`${m}/${top}`), `${m}/${top}`).toBe(false);
  }, 180_000);
});
