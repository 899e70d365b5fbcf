// Lesson 15's tasks for real: a PID 1 with a TERM handler that docker stop ends without KILL; cl-life frozen through its freezer file, behind dockerd's back.
import { expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { describeAsRoot } from '../../support/requireRoot.js';
import { useLiveLesson } from '../../support/liveLesson.js';
import { expectSolved, expectUnsolved, openTask } from '../../support/taskRun.js';
import { learnerDocker, pause, type } from '../../support/learnerCommand.js';
import { statusField, until } from '../../support/kernelView.js';

/** The file a learner writes, from /proc/<pid>/cgroup (read by the test): v1 freezer.state, or v2 cgroup.freeze. */
function freezerFile(pid: number): { file: string; frozen: string; thawed: string } {
  const lines = readFileSync(`/proc/${pid}/cgroup`, 'utf8').split('\n');
  const v1 = lines.find((l) => l.split(':')[1]?.split(',').includes('freezer'));
  if (v1) return { file: `/sys/fs/cgroup/freezer${v1.split(':').slice(2).join(':')}/freezer.state`, frozen: 'FROZEN', thawed: 'THAWED' };
  const v2 = lines.find((l) => l.startsWith('0::'))!;
  return { file: `/sys/fs/cgroup${v2.slice(3)}/cgroup.freeze`, frozen: '1', thawed: '0' };
}

describeAsRoot('lesson 15 tasks (life after run)', () => {
  const live = useLiveLesson('life-after-run');

  it('stop-politely: a shell PID 1 without a handler needs KILL (137); one that traps TERM ends with 0 on TERM alone', async () => {
    await openTask(live, 'stop-politely');
    const dir = (await live.helper.pids()).sessionDir;
    const run = ['run', '-d', '--name', 'polite', '--network', 'none', 'container-lab/lab:latest', 'sh', '-c'];

    learnerDocker(dir, [...run, 'while :; do sleep 1; done']);
    learnerDocker(dir, ['stop', '-t', '1', 'polite']);
    const wrong = await expectUnsolved(live, 'stop-politely');
    expect(wrong.checks[0].detail).toBe('docker inspect: ExitCode 137, not 0');
    expect(wrong.checks[1].detail).toMatch(/^docker events for polite: kill signal=15, kill signal=9 .* then die exitCode=137; expected 15$/);
    learnerDocker(dir, ['rm', 'polite']);

    learnerDocker(dir, [...run, "trap 'exit 0' TERM; while :; do sleep 1; done"]);
    const started = Date.now();
    learnerDocker(dir, ['stop', 'polite']);
    expect(Date.now() - started, 'well inside the 10 s grace period').toBeLessThan(5000);
    await expectSolved(live, 'stop-politely');
    expect(learnerDocker(dir, ['inspect', '-f', '{{.State.Status}} {{.State.ExitCode}}', 'polite']).stdout.trim()).toBe('exited 0');
  }, 180_000);

  it('freeze-by-hand: SIGSTOP is not a freeze; FROZEN written to the freezer is, and dockerd still says running', async () => {
    await openTask(live, 'freeze-by-hand');
    const dir = (await live.helper.pids()).sessionDir;
    const pid = Number(learnerDocker(dir, ['inspect', '-f', '{{.State.Pid}}', 'cl-life']).stdout.trim());
    const f = freezerFile(pid);

    type(['kill', '-STOP', String(pid)]);
    await pause(100);
    expect(statusField(pid, 'State')).toMatch(/^T/);
    const wrong = await expectUnsolved(live, 'freeze-by-hand');
    expect(wrong.checks[0].detail).toMatch(/(freezer\.state: THAWED|cgroup\.events: frozen 0); /);
    type(['kill', '-CONT', String(pid)]);

    writeFileSync(f.file, f.frozen);
    if (f.frozen === 'FROZEN') {
      expect(await until(() => readFileSync(f.file, 'utf8').trim() === 'FROZEN', 2000)).toBe(true);
      expect(statusField(pid, 'State'), 'the kernel reports a task the v1 freezer froze as D').toMatch(/^D/);
    }
    const solved = await expectSolved(live, 'freeze-by-hand');
    expect(solved.checks[0].detail).toMatch(/docker inspect: State\.Paused false$/);
    writeFileSync(f.file, f.thawed);
    expect(await until(() => readFileSync(f.file, 'utf8').trim() === f.thawed, 2000)).toBe(true);
  }, 180_000);
});
