// Lesson 15 for real, read by the test itself: TERM dropped at a shell PID 1 and KILL after the grace period (137), tini's 143,
// the same upperdir after docker start, the freezer's FROZEN with every task in D, docker exec's process in the container's
// cgroup with its capabilities and seccomp, nsenter's without; and nothing left once the lesson closes.
import { expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { release } from 'node:os';
import { describeAsRoot } from '../support/requireRoot.js';
import { useLiveLesson, type LiveLesson } from '../support/liveLesson.js';
import { chainLeftovers, dockerCli, procTable } from '../support/chainView.js';
import { isAlive, nsLink, statusField, until } from '../support/kernelView.js';

/** Runs the lesson up to and including the step with this title; every step must pass. */
async function runTo(live: LiveLesson, title: string): Promise<void> {
  const i = live.lesson.steps.findIndex((s) => s.title === title);
  expect(i, `the lesson has a step "${title}"`).toBeGreaterThanOrEqual(0);
  await live.session.jump(i + 1);
  const state = live.session.getState();
  expect(state.cursor).toBe(i + 1);
  for (const [n, run] of state.steps.slice(0, i + 1).entries()) {
    expect(run.error ?? '', `step ${n + 1}: ${JSON.stringify(run.checks)}`).toBe('');
    expect(run.checks.every((c) => c.ok), `step ${n + 1}: ${JSON.stringify(run.checks)}`).toBe(true);
  }
}

function inspect(dir: string, name: string, format: string): string {
  const r = dockerCli(dir, ['inspect', '--format', format, name]);
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.trim();
}

function mask(pid: number, field: string): bigint {
  return BigInt('0x' + statusField(pid, field));
}

/** The processes in a PID namespace, by host PID, with their command lines. */
function inPidNs(pidNs: string): Array<{ pid: number; ppid: number; cmdline: string }> {
  return procTable().filter((p) => {
    try {
      return nsLink(p.pid, 'pid') === pidNs;
    } catch {
      return false;
    }
  });
}

function freezerDir(pid: number): string {
  const line = readFileSync(`/proc/${pid}/cgroup`, 'utf8').split('\n').find((l) => l.split(':')[1]?.split(',').includes('freezer'));
  expect(line, 'this host has a v1 freezer hierarchy').toBeTruthy();
  return `/sys/fs/cgroup/freezer${line!.split(':').slice(2).join(':')}`;
}

function stateLetter(pid: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
}

describeAsRoot('life after run: stop, start, pause, exec against the kernel', () => {
  const live = useLiveLesson('life-after-run');
  let dir = '';
  let firstPid = 0;
  let upper = '';

  it('--init: docker-init is PID 1 with sleep as its child; docker stop ends it at once with 143 (TERM forwarded, sleep killed by it)', async () => {
    await runTo(live, 'A PID 1 that passes TERM on');
    dir = (await live.helper.pids()).sessionDir;
    const pid = Number(inspect(dir, 'cl-tini', '{{.State.Pid}}'));
    expect(readFileSync(`/proc/${pid}/comm`, 'utf8').trim()).toBe('docker-init');
    expect(statusField(pid, 'NSpid').split(/\s+/).pop()).toBe('1');
    const children = inPidNs(nsLink(pid, 'pid')).filter((p) => p.ppid === pid);
    expect(children.map((c) => c.cmdline)).toEqual(['sleep 3600']);
    const t0 = performance.now();
    await runTo(live, 'docker stop: 143');
    expect(performance.now() - t0, 'no grace period waited').toBeLessThan(2500);
    expect(inspect(dir, 'cl-tini', '{{.State.Status}} {{.State.ExitCode}}')).toBe('exited 143');
    expect(isAlive(pid)).toBe(false);
  }, 120_000);

  it('a shell PID 1 has no TERM handler, and TERM from the host does nothing to it', async () => {
    await runTo(live, 'A shell as PID 1');
    firstPid = Number(inspect(dir, 'cl-life', '{{.State.Pid}}'));
    expect(statusField(firstPid, 'NSpid').split(/\s+/).pop()).toBe('1');
    for (const field of ['SigCgt', 'SigBlk', 'SigIgn']) expect((mask(firstPid, field) >> 14n) & 1n, `${field} bit 15`).toBe(0n);
    // the test's own kill(2) from the host: dropped, the shell runs on
    process.kill(firstPid, 'SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    expect(isAlive(firstPid)).toBe(true);
    expect(stateLetter(firstPid)).not.toBe('Z');
    upper = inspect(dir, 'cl-life', '{{.GraphDriver.Data.UpperDir}}');
    expect(upper.startsWith(dir + '/')).toBe(true);
    expect(readFileSync(`${upper}/kept`, 'utf8').trim().split('\n')).toHaveLength(1);
  }, 120_000);

  it('docker stop -t 3 waits the grace period, then KILL: 137; dockerd logs kill 15, kill 9, die 137', async () => {
    const t0 = performance.now();
    await runTo(live, 'docker stop: 137');
    expect(performance.now() - t0, 'the 3 s grace period').toBeGreaterThanOrEqual(2900);
    expect(isAlive(firstPid)).toBe(false);
    expect(inspect(dir, 'cl-life', '{{.State.Status}} {{.State.ExitCode}}')).toBe('exited 137');
    const until_ = String(Math.ceil(Date.now() / 1000));
    const events = dockerCli(dir, ['events', '--since', '1', '--until', until_, '--filter', 'container=cl-life', '--format', '{{.Action}} {{index .Actor.Attributes "signal"}}{{index .Actor.Attributes "exitCode"}}']).stdout.trim().split('\n');
    expect(events.filter((e) => /^(kill|die)/.test(e))).toEqual(['kill 15', 'kill 9', 'die 137']);
  }, 120_000);

  it('stopped: nothing mounts the read-write layer, and /kept is still in it', async () => {
    await runTo(live, 'What dockerd recorded');
    const merged = inspect(dir, 'cl-life', '{{.GraphDriver.Data.MergedDir}}');
    // dockerd's own mount table (it may have a mount namespace of its own) and the host's
    const dockerd = procTable().find((p) => p.comm === 'dockerd' && p.cmdline.includes(dir + '/'));
    expect(dockerd, 'the lab\'s dockerd').toBeTruthy();
    for (const table of [`/proc/${dockerd!.pid}/mountinfo`, '/proc/self/mountinfo']) {
      expect(readFileSync(table, 'utf8').split('\n').some((l) => l.split(' ')[4] === merged), `merged is not mounted in ${table}`).toBe(false);
    }
    expect(readFileSync(`${upper}/kept`, 'utf8').trim().split('\n')).toHaveLength(1);
  }, 120_000);

  it('docker start: a new PID 1 whose / is an overlay on the same upperdir, which now holds two lines', async () => {
    await runTo(live, 'docker start: same layer');
    const pid = Number(inspect(dir, 'cl-life', '{{.State.Pid}}'));
    expect(pid).not.toBe(firstPid);
    expect(inspect(dir, 'cl-life', '{{.GraphDriver.Data.UpperDir}}')).toBe(upper);
    const root = readFileSync(`/proc/${pid}/mountinfo`, 'utf8').split('\n').map((l) => l.split(' ')).find((f) => f[4] === '/')!;
    const after = root.slice(root.indexOf('-') + 1);
    expect(after[0]).toBe('overlay');
    const option = after[2].split(',').find((o) => o.startsWith('upperdir='))!.slice('upperdir='.length);
    expect(option.startsWith('/') ? option : `${dir}/docker/data/overlay2/${option}`).toBe(upper);
    expect(readFileSync(`${upper}/kept`, 'utf8').trim().split('\n')).toHaveLength(2);
  }, 120_000);

  /*
   * What /proc shows for a v1-frozen task: D before Linux 6.1 (the freezer slept it in D), R from
   * 6.1 (TASK_FROZEN, outside the reported states), D again from 6.13 (commit "freezer, sched:
   * Report frozen tasks as 'D' instead of 'R'"), which some 6.1, 6.6 and 6.12 stable releases took.
   */
  const [major, minor] = release().split('.').map(Number);
  const frozenLetters = major * 1000 + minor >= 6013 || major * 1000 + minor < 6001 ? ['D'] : ['R', 'D'];

  it(`docker pause: freezer.state FROZEN, every task of the cgroup in ${frozenLetters.join(' or ')} on this kernel; unpause: THAWED`, async () => {
    await runTo(live, 'docker pause: the freezer');
    const pid = Number(inspect(dir, 'cl-life', '{{.State.Pid}}'));
    const cg = freezerDir(pid);
    expect(readFileSync(`${cg}/freezer.state`, 'utf8').trim()).toBe('FROZEN');
    const tasks = readFileSync(`${cg}/cgroup.procs`, 'utf8').trim().split('\n').map(Number);
    expect(tasks).toContain(pid);
    for (const t of tasks) expect(frozenLetters, `task ${t}'s state`).toContain(stateLetter(t));
    expect(readFileSync(`/proc/${pid}/wchan`, 'utf8')).toBe('__refrigerator');
    await runTo(live, 'docker unpause');
    expect(readFileSync(`${cg}/freezer.state`, 'utf8').trim()).toBe('THAWED');
    expect(await until(() => tasks.every((t) => stateLetter(t) !== 'D'), 2000)).toBe(true);
  }, 120_000);

  it('docker exec\'s process shares the container\'s cgroups, CapEff and seccomp filter; nsenter\'s only its namespaces', async () => {
    await runTo(live, 'nsenter is not exec');
    const init = Number(inspect(dir, 'cl-life', '{{.State.Pid}}'));
    const procs = inPidNs(nsLink(init, 'pid'));
    const exec = procs.find((p) => p.cmdline === 'sleep 1000');
    const entered = procs.find((p) => p.cmdline === 'sleep 2000');
    expect(exec && entered, JSON.stringify(procs)).toBeTruthy();
    const cgroup = (pid: number) => readFileSync(`/proc/${pid}/cgroup`, 'utf8');
    const comm = (pid: number) => readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    for (const ns of ['mnt', 'uts', 'ipc', 'net']) {
      expect(nsLink(exec!.pid, ns), `exec ${ns}`).toBe(nsLink(init, ns));
      expect(nsLink(entered!.pid, ns), `nsenter ${ns}`).toBe(nsLink(init, ns));
    }
    expect(cgroup(exec!.pid)).toBe(cgroup(init));
    expect(statusField(exec!.pid, 'CapEff')).toBe(statusField(init, 'CapEff'));
    expect(statusField(exec!.pid, 'Seccomp')).toBe('2');
    expect(comm(exec!.ppid)).toMatch(/^containerd-shim/);
    expect(cgroup(entered!.pid)).not.toBe(cgroup(init));
    expect(statusField(entered!.pid, 'CapEff')).toBe(statusField(process.pid, 'CapEff'));
    expect(statusField(entered!.pid, 'Seccomp')).toBe('0');
    expect(comm(entered!.ppid)).toBe('nsenter');

    const nsenter = entered!.ppid;
    await live.session.close();
    expect(await until(() => !isAlive(nsenter) && !isAlive(entered!.pid) && chainLeftovers(dir).length === 0, 5000), `left: ${chainLeftovers(dir)}`).toBe(true);
    expect(readdirSync('/run/container-lab')).not.toContain(dir.slice(dir.lastIndexOf('/') + 1));
    expect(existsSync(dir)).toBe(false);
  }, 120_000);
});
