// Lesson 3's tasks for real, from a host shell: memory limit written down to 16 MiB; a pids limit of one's own that refuses a fork.
import { afterAll, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeAsRoot } from '../../support/requireRoot.js';
import { useLiveLesson } from '../../support/liveLesson.js';
import { openTask, expectSolved, expectUnsolved, readTask, taskSpec } from '../../support/taskRun.js';
import { cgroupDir, cgroupKey, cgroupRead } from '../../support/cgroupView.js';
import { isAlive, until } from '../../support/kernelView.js';
import { initHostPid } from '../../support/pidView.js';

const MIB16 = String(16 * 1024 * 1024);

/** `echo <value> | sudo tee <dir>/<file>`: what the learner types in a host shell. */
function write(dir: string, file: string, value: string): void {
  writeFileSync(join(dir, file), value);
}

/** Whether a reading stays the same for `forMs`, within `timeoutMs`. */
async function steady(read: () => string, forMs: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  let last = read();
  let since = Date.now();
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    const now = read();
    if (now !== last) [last, since] = [now, Date.now()];
    else if (Date.now() - since >= forMs) return true;
  }
  return false;
}

function failing(t: { checks: Array<{ ok: boolean; detail: string }> }): string[] {
  return t.checks.filter((c) => !c.ok).map((c) => c.detail);
}

describeAsRoot('lesson cgroups: its tasks, solved for real', () => {
  const live = useLiveLesson('cgroups');
  let forker: ChildProcess | null = null;
  afterAll(async () => {
    // the shell leaves at the end of its input (nsenter with it); its sleeps are in the container's PID namespace and die with PID 1
    forker?.stdin?.end();
    if (forker?.pid !== undefined) expect(await until(() => !isAlive(forker!.pid!), 5000)).toBe(true);
  });

  it('memory-16m: 20M, then 16M without memsw on v1, stay open; 16M in every file the lesson wrote solves it', async () => {
    await openTask(live, 'memory-16m');
    const { dir, v2 } = cgroupDir(initHostPid(), 'memory');
    const [main, swap] = v2 ? ['memory.max', null] : ['memory.limit_in_bytes', 'memory.memsw.limit_in_bytes'];
    write(dir, main, '20M');
    expect(failing(await expectUnsolved(live, 'memory-16m'))).toEqual([`${main} is ${20 * 1024 * 1024}, expected ${MIB16}`]);
    write(dir, main, '16M');
    if (swap) {
      expect(failing(await expectUnsolved(live, 'memory-16m'))).toEqual([`${swap} is ${32 * 1024 * 1024}, expected ${MIB16}`]);
      write(dir, swap, '16M');
    }
    await expectSolved(live, 'memory-16m');
    expect(cgroupRead(dir, main)).toBe(MIB16);
    if (swap) expect(cgroupRead(dir, swap)).toBe(MIB16);
  });

  it('pids-refused: a lower limit alone, then the lesson\'s own fork loop at it, stay open; a shell moved into the cgroup that forks until refused solves it', async () => {
    await openTask(live, 'pids-refused');
    const { dir } = cgroupDir(initHostPid(), 'pids');
    expect(cgroupKey(dir, 'pids.events', 'max')).toBe(0);
    write(dir, 'pids.max', '20');
    expect(failing(await expectUnsolved(live, 'pids-refused'))).toEqual(['pids.max is 20, but pids.events counts no refused fork yet (max 0)']);
    // → : the lesson's fork loop hits the learner's limit, then reaps its sleepers before its step ends
    const { step } = taskSpec(live, 'pids-refused');
    await live.session.jump(step + 2);
    expect(cgroupKey(dir, 'pids.events', 'max')).toBeGreaterThan(0);
    // the learner's 16 MiB and their lower pids limit leave every step after them working
    const failed = live.session.getState().steps.slice(0, step + 2).flatMap((r, i) => (r.status === 'done' && r.checks.every((c) => c.ok) ? [] : [`step ${i + 1}: ${r.status} ${r.error ?? ''} ${JSON.stringify(r.checks.filter((c) => !c.ok))}`]));
    expect(failed).toEqual([]);
    const afterLoop = await readTask(live, 'pids-refused');
    expect(afterLoop.status).toBe('open');
    expect(failing(afterLoop)[0]).toMatch(/^pids\.events counts \d+ refused forks?, but pids\.current \d+ is below pids\.max 20: the limit is not full now$/);
    // the loop's sleepers leave pids.current as they are reaped: wait for a steady count (a learner reads it after a while)
    expect(await steady(() => cgroupRead(dir, 'pids.current'), 1000, 10000)).toBe(true);
    // the learner: a limit a little above what runs, then a shell in the container's PID namespace, moved in, forking sleeps
    const limit = Number(cgroupRead(dir, 'pids.current')) + 3;
    write(dir, 'pids.max', String(limit));
    const refusedBefore = cgroupKey(dir, 'pids.events', 'max');
    // an interactive shell, as the learner's: a refused fork is reported, and the shell stays (a script would exit)
    forker = spawn('nsenter', ['-t', String(initHostPid()), '--pid', 'sh', '-i'], { stdio: ['pipe', 'ignore', 'ignore'] });
    forker.stdin!.write(`echo $$ > ${dir}/cgroup.procs\n${'sleep 60 &\n'.repeat(8)}`);
    expect(await until(() => cgroupKey(dir, 'pids.events', 'max') > refusedBefore, 10000)).toBe(true);
    const solved = await expectSolved(live, 'pids-refused');
    const current = Number(cgroupRead(dir, 'pids.current'));
    expect(current).toBeGreaterThanOrEqual(limit);
    expect(solved.checks[0].detail).toMatch(new RegExp(`^pids\\.max ${limit}, pids\\.current \\d+: full; pids\\.events max \\d+$`));
  });
});
