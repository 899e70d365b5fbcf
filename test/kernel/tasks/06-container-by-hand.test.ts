// Lesson 6's tasks for real: the memory limit lowered by writing the cgroup file, and a docker exec by hand (nsenter, then cgroup.procs).
import { afterEach, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeAsRoot } from '../../support/requireRoot.js';
import { useLiveLesson } from '../../support/liveLesson.js';
import { expectSolved, expectUnsolved, openTask } from '../../support/taskRun.js';
import { LearnerProcesses } from '../../support/learnerProcess.js';
import { nsLink } from '../../support/kernelView.js';

/** A process's cgroup directory for a controller, from its /proc/<pid>/cgroup (v2's one line, else the v1 hierarchy). */
function cgroupDir(pid: number, controller: string): string {
  const lines = readFileSync(`/proc/${pid}/cgroup`, 'utf8').trim().split('\n');
  const v2 = lines.length === 1 && lines[0].startsWith('0::');
  if (v2) return join('/sys/fs/cgroup', lines[0].slice(3));
  const line = lines.find((l) => l.split(':')[1].split(',').includes(controller));
  if (!line) throw new Error(`no ${controller} line in /proc/${pid}/cgroup`);
  return join('/sys/fs/cgroup', controller, line.split(':')[2]);
}

/** Where each cgroup hierarchy is mounted, by its /proc/<pid>/cgroup key ("" for cgroup2, "memory", "name=systemd"…). */
function hierarchyMounts(): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of readFileSync('/proc/self/mountinfo', 'utf8').trim().split('\n')) {
    const [left, right] = line.split(' - ');
    const [fsType, , superOptions] = right.split(' ');
    const point = left.split(' ')[4];
    if (fsType === 'cgroup2') out.set('', point);
    if (fsType !== 'cgroup') continue;
    const keys = superOptions.split(',').filter((o) => !['rw', 'ro', 'relatime', 'noexec', 'nosuid', 'nodev'].includes(o) && !o.startsWith('release_agent'));
    out.set(keys.sort().join(','), point);
  }
  return out;
}

/** Every cgroup.procs file /proc/<pid>/cgroup leads to, one per mounted hierarchy (what a move into the cgroup writes). */
function cgroupProcsFiles(pid: number): string[] {
  const mounts = hierarchyMounts();
  return readFileSync(`/proc/${pid}/cgroup`, 'utf8').trim().split('\n').flatMap((l) => {
    const [, controllers, path] = l.split(':');
    const point = mounts.get(controllers.split(',').sort().join(','));
    return point ? [join(point, path, 'cgroup.procs')] : [];
  });
}

describeAsRoot('lesson 6 tasks (by-hand)', () => {
  const live = useLiveLesson('by-hand');
  const learner = new LearnerProcesses();
  afterEach(() => learner.stop());

  it('update-memory: a limit lowered to another value leaves it open; 200M written to the cgroup file solves it', async () => {
    await openTask(live, 'update-memory');
    const { init } = await live.helper.pids();
    const dir = cgroupDir(init!, 'memory');
    const v2 = readFileSync(`/proc/${init}/cgroup`, 'utf8').startsWith('0::');
    const file = join(dir, v2 ? 'memory.max' : 'memory.limit_in_bytes');

    // lowered, but not to 200 MiB
    writeFileSync(file, '220M');
    let t = await expectUnsolved(live, 'update-memory');
    expect(t.checks[0].detail).toMatch(/is 230686720, expected 209715200/);

    writeFileSync(file, '200M');
    if (!v2) {
      // v1: memory alone is not enough while memory + swap still allows 256 MiB
      t = await expectUnsolved(live, 'update-memory');
      expect(t.checks[0].detail).toMatch(/memory\.memsw\.limit_in_bytes is 268435456, expected 209715200/);
      writeFileSync(join(dir, 'memory.memsw.limit_in_bytes'), '200M');
    }
    expect(readFileSync(file, 'utf8').trim(), 'the kernel holds the new limit').toBe('209715200');
    t = await expectSolved(live, 'update-memory');
    expect(t.checks[0].detail).toMatch(/= 209715200/);
  });

  it('exec-by-hand: a sleep started inside, or by nsenter alone, leaves it open; moved into the cgroup it solves it', async () => {
    await openTask(live, 'exec-by-hand');
    const { init } = await live.helper.pids();
    const enter = ['nsenter', '--target', String(init), '--all', '--root', '--wd', '--'];

    // started by a shell in the container: its parent is inside, and nsenter left it in the test's cgroup
    const inner = await learner.start([...enter, '/bin/sh', '-c', 'sleep 1000; :'], 'sleep');
    let t = await expectUnsolved(live, 'exec-by-hand');
    expect(t.checks[0].detail).toMatch(/its cgroup is .*, PID 1's is /);
    expect(t.checks[0].detail).toMatch(/its parent sh \d+ is inside the container/);
    expect(nsLink(inner, 'pid')).toBe(nsLink(init!, 'pid'));
    await learner.stop();

    // nsenter alone: every namespace and the root, not the cgroup
    const sleep = await learner.start([...enter, 'sleep', '1000'], 'sleep');
    for (const ns of ['pid', 'mnt', 'uts', 'ipc', 'net', 'cgroup']) expect(nsLink(sleep, ns), ns).toBe(nsLink(init!, ns));
    expect(readFileSync(`/proc/${sleep}/cgroup`, 'utf8')).not.toBe(readFileSync(`/proc/${init}/cgroup`, 'utf8'));
    t = await expectUnsolved(live, 'exec-by-hand');
    expect(t.checks[0].detail).toMatch(new RegExp(`^sleep ${sleep}: its cgroup is [^;]*, PID 1's is [^;]*$`));

    // the learner's write: the sleep's host PID into cgroup.procs of PID 1's cgroup(s)
    for (const procs of cgroupProcsFiles(init!)) writeFileSync(procs, String(sleep));
    expect(readFileSync(`/proc/${sleep}/cgroup`, 'utf8')).toBe(readFileSync(`/proc/${init}/cgroup`, 'utf8'));
    t = await expectSolved(live, 'exec-by-hand');
    expect(t.checks[0].detail).toMatch(new RegExp(`^sleep ${sleep} \\(PID \\d+ inside\\) shares PID 1's namespaces, its root and its cgroup`));
  });
});
