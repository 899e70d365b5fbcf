// Lesson 10's tasks for real: a process runc exec puts in the container (nsenter alone does not do), and runc pause seen in the freezer.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { describeAsRoot } from '../../support/requireRoot.js';
import { useLiveLesson } from '../../support/liveLesson.js';
import { expectSolved, expectUnsolved, openTask } from '../../support/taskRun.js';
import { nsLink, statusField, until } from '../../support/kernelView.js';
import { pause, type, typeDetached } from '../../support/learnerCommand.js';
import { readFreezer } from '../../../src/chain/freezer.js';
import { realSys } from '../../../src/sys/real.js';

/** Processes in the PID namespace of `pid`, but not it, as the test reads /proc. */
function othersInside(pid: number): number[] {
  const ns = nsLink(pid, 'pid');
  return readdirSync('/proc').filter((n) => /^\d+$/.test(n) && Number(n) !== pid).map(Number).filter((p) => {
    try {
      return nsLink(p, 'pid') === ns;
    } catch {
      return false;
    }
  });
}

describeAsRoot('lesson 10 tasks (runc-alone)', () => {
  const live = useLiveLesson('runc-alone');
  let dir = '';
  let id = '';
  let init = 0;

  it('exec-into-runc: nsenter into the namespaces is not enough; runc exec -d joins the cgroup too', async () => {
    await openTask(live, 'exec-into-runc');
    dir = (await live.helper.pids()).sessionDir;
    id = type(['runc', '--root', `${dir}/runc`, 'list', '-q']).stdout.trim();
    init = Number(readFileSync(`${dir}/runc-init.pid`, 'utf8'));

    const entered = spawn('nsenter', ['-t', String(init), '-p', '-m', '-u', '-i', '-n', 'sleep', '1000'], { stdio: 'ignore' });
    // the child nsenter forked into the PID namespace, once it has exec'd sleep
    const comm = (pid: number) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
      } catch {
        return '';
      }
    };
    expect(await until(() => othersInside(init).some((p) => comm(p) === 'sleep'), 3000)).toBe(true);
    const wrong = await expectUnsolved(live, 'exec-into-runc');
    expect(wrong.checks[0].detail).toMatch(/^in the container's PID namespace but not joined as runc exec does: PID \d+ sleep: not in the container's cgroup$/);
    const stray = othersInside(init)[0];
    process.kill(stray, 'SIGKILL');
    await until(() => othersInside(init).length === 0, 3000);
    entered.kill('SIGKILL');

    typeDetached(['runc', '--root', `${dir}/runc`, 'exec', '-d', id, 'sleep', '1000']);
    const t = await expectSolved(live, 'exec-into-runc');
    const [second] = othersInside(init);
    expect(t.checks[0].detail).toContain(`PID ${second} sleep`);
    expect(readFileSync(`/proc/${second}/cgroup`, 'utf8'), 'the same cgroups as the init').toBe(readFileSync(`/proc/${init}/cgroup`, 'utf8'));
    expect(statusField(second, 'NSpid').split(/\s+/).pop(), 'not PID 1 inside').not.toBe('1');
  }, 120_000);

  it('freeze-runc: SIGSTOP is not a pause; runc pause freezes the cgroup, runc resume lets the lesson go on', async () => {
    await openTask(live, 'freeze-runc');
    type(['kill', '-STOP', String(init)]);
    await pause(100);
    const wrong = await expectUnsolved(live, 'freeze-runc');
    expect(wrong.checks[0].detail).toBe('runc state says running, not paused');
    type(['kill', '-CONT', String(init)]);

    type(['runc', '--root', `${dir}/runc`, 'pause', id]);
    const t = await expectSolved(live, 'freeze-runc');
    const f = readFreezer(realSys, init)!;
    expect(f.frozen, `${f.file}: ${f.value}`).toBe(true);
    expect(t.checks[0].detail).toContain(f.file);
    type(['runc', '--root', `${dir}/runc`, 'resume', id]);
    expect(readFreezer(realSys, init)!.frozen).toBe(false);

    // the lesson goes on: SIGTERM ignored, SIGKILL, delete
    while (live.session.getState().cursor < live.lesson.steps.length) {
      const i = live.session.getState().cursor;
      await live.session.next();
      const run = live.session.getState().steps[i];
      expect(run.checks.every((c) => c.ok), JSON.stringify(run.checks)).toBe(true);
    }
  }, 120_000);
});
