// The shim and containerd lessons for real: the shim is the container's parent, runc is gone, the container outlives
// containerd, the exit status comes back; ctr's container stays out of docker's sight; each close leaves nothing.
import { expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { packageRoot } from '../../src/sys/packageRoot.js';
import { describeAsRoot } from '../support/requireRoot.js';
import { useLiveLesson, type LiveLesson } from '../support/liveLesson.js';
import { ctrCli, dockerCli, sessionProcesses } from '../support/chainView.js';
import { expectUnderShim, labContainer, ppid, shims } from '../support/shimView.js';
import { isAlive, labCgroupDirs, statusField, until } from '../support/kernelView.js';

/** Runs the lesson's steps up to and including the first one `pick` chooses; each must pass. */
async function runThrough(live: LiveLesson, pick: (action: string, params: Record<string, any>) => boolean): Promise<void> {
  const last = live.lesson.steps.findIndex((s) => pick(s.action.name, s.action.params as Record<string, any>));
  expect(last, 'the lesson has that step').toBeGreaterThanOrEqual(0);
  while (live.session.getState().cursor <= last) {
    const i = live.session.getState().cursor;
    await live.session.next();
    const run = live.session.getState().steps[i];
    expect(run.error ?? '', `step ${i + 1}: ${JSON.stringify(run.checks)}`).toBe('');
    expect(run.checks.every((c) => c.ok), JSON.stringify(run.checks)).toBe(true);
  }
}

/** Runs every step not run yet; each must pass. */
async function runRest(live: LiveLesson): Promise<void> {
  while (live.session.getState().cursor < live.lesson.steps.length) {
    const i = live.session.getState().cursor;
    await live.session.next();
    const run = live.session.getState().steps[i];
    expect(run.error ?? '', `step ${i + 1}: ${JSON.stringify(run.checks)}`).toBe('');
    expect(run.checks.every((c) => c.ok), JSON.stringify(run.checks)).toBe(true);
  }
}

function containerdPids(dir: string): number[] {
  return sessionProcesses(dir).filter((p) => p.comm === 'containerd').map((p) => p.pid);
}

/** What a session left: processes naming its dir, mounts under it, its cgroups, the dir itself. */
function leftovers(dir: string): string[] {
  const id = basename(dir).replace(/^session-/, '').toLowerCase();
  const left = () => [
    ...sessionProcesses(dir).map((p) => `process ${p.pid} ${p.comm}`),
    ...readFileSync('/proc/self/mountinfo', 'utf8').split('\n').filter((l) => l.includes(dir + '/') || l.split(' ')[4] === dir).map((l) => `mount ${l.split(' ')[4]}`),
    ...labCgroupDirs().filter((d) => basename(d).startsWith(`container-lab-${id}`)).map((d) => `cgroup ${d}`),
    ...(existsSync(dir) ? [`dir ${dir}`] : []),
  ];
  return left();
}

/** The session's processes, the mounts under its dir, its cgroups and the dir itself: all gone. */
async function expectNothingLeft(live: LiveLesson, dir: string): Promise<void> {
  await live.session.close();
  expect(await until(() => leftovers(dir).length === 0, 5000), `left: ${leftovers(dir)}`).toBe(true);
}

describeAsRoot('shim lesson: the shim holds the container', () => {
  const live = useLiveLesson('shim');
  let dir = '';
  let container = { id: '', pid: 0 };
  let shim = 0;

  it('after docker run -d, the shim is the parent of the container\'s PID 1 and no runc remains', async () => {
    await runThrough(live, (a, p) => a === 'docker' && p.args[0] === 'run');
    dir = (await live.helper.pids()).sessionDir;
    container = labContainer(dir);
    shim = expectUnderShim(dir, container.pid);
    expect(statusField(container.pid, 'NSpid').split(/\s+/).pop(), 'PID 1 of its namespace').toBe('1');
    expect(readFileSync(`/proc/${shim}/cmdline`, 'utf8')).toContain(`${dir}/containerd.sock`);
    // the shim double-forked away from containerd at its start
    expect(containerdPids(dir)).not.toContain(ppid(shim));
    expect(sessionProcesses(dir).filter((p) => p.comm === 'runc' || p.comm.startsWith('runc:[')), 'runc exited').toEqual([]);
  });

  it('the shim leads a process group of its own in its parent\'s session, and is a child subreaper', async () => {
    // proc(5) /proc/<pid>/stat: after "(comm)", state ppid pgrp session
    const [, , pgrp, session] = readFileSync(`/proc/${shim}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ').map(Number);
    expect(pgrp, 'Setpgid: its own process group').toBe(shim);
    expect(session, 'no setsid: not a session leader').not.toBe(shim);
    const containerd = containerdPids(dir)[0];
    expect(session, 'containerd\'s session, inherited through `shim start`').toBe(Number(readFileSync(`/proc/${containerd}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ')[3]));
    // PR_GET_CHILD_SUBREAPER reads only the caller's own flag; an orphan's new parent shows it. runc exec -d forks
    // the exec'd process and exits: the kernel gives the orphan to the nearest subreaper, which is the shim.
    expect(dockerCli(dir, ['exec', '-d', container.id, 'sleep', '1001']).status).toBe(0);
    const orphan = () => readdirSync('/proc').filter((n) => /^\d+$/.test(n)).map(Number).find((p) => {
      try {
        return readFileSync(`/proc/${p}/cmdline`, 'utf8') === 'sleep\u00001001\u0000';
      } catch {
        return false;
      }
    });
    expect(await until(() => orphan() !== undefined, 5000), 'the exec\'d sleep runs').toBe(true);
    expect(ppid(orphan()!), 'runc exec exited; its child went to the shim').toBe(shim);
    expect(sessionProcesses(dir).filter((p) => p.comm === 'runc'), 'runc exec exited').toEqual([]);
  });

  it('the container survives a containerd stop, under the same shim', async () => {
    const before = containerdPids(dir);
    expect(before).toHaveLength(1);
    await runThrough(live, (a) => a === 'stop-containerd');
    expect(isAlive(before[0]), 'containerd is gone').toBe(false);
    // not just for a moment: a second later it still runs, under the same shim
    await new Promise((r) => setTimeout(r, 1000));
    expect(containerdPids(dir)).toEqual([]);
    expect(isAlive(container.pid)).toBe(true);
    expect(ppid(container.pid)).toBe(shim);
    // its output reached dockerd through the shim, containerd or not
    expect(dockerCli(dir, ['logs', container.id]).stdout).toContain('started');
  });

  it('containerd starts again and lists the same task RUNNING', async () => {
    await runThrough(live, (a) => a === 'start-containerd');
    expect(containerdPids(dir)).toHaveLength(1);
    const line = ctrCli(dir, 'moby', ['tasks', 'ls']).stdout.split('\n').find((l) => l.startsWith(container.id + ' '));
    expect(line?.trim().split(/\s+/)).toEqual([container.id, String(container.pid), 'RUNNING']);
    expect(ppid(container.pid)).toBe(shim);
  });

  it('the exit status comes back up: docker inspect says 42, the shim is gone', async () => {
    await runRest(live);
    expect(isAlive(container.pid)).toBe(false);
    expect(dockerCli(dir, ['inspect', '--format', '{{.State.Status}} {{.State.ExitCode}}', container.id]).stdout.trim()).toBe('exited 42');
    expect(dockerCli(dir, ['wait', container.id]).stdout.trim(), 'docker wait, asked again').toBe('42');
    expect(await until(() => !isAlive(shim), 2000), 'the shim exited with its task').toBe(true);
    expect(shims(dir)).toEqual([]);
  });

  it('closing the lesson leaves no process, mount, cgroup or directory', async () => {
    await expectNothingLeft(live, dir);
  });
});

describeAsRoot('containerd-alone lesson: one containerd, two namespaces', () => {
  const live = useLiveLesson('containerd-alone');
  let dir = '';

  it('runs every step; ctr\'s container has a shim for parent and docker does not see it', async () => {
    await runRest(live);
    dir = (await live.helper.pids()).sessionDir;
    const task = ctrCli(dir, 'default', ['tasks', 'ls']).stdout.split('\n').find((l) => l.startsWith('container-lab-ctr '));
    const pid = Number(task?.trim().split(/\s+/)[1]);
    expectUnderShim(dir, pid);
    expect(readFileSync(`/proc/${ppid(pid)}/cmdline`, 'utf8')).toContain('-namespace\0default\0');
    const { id } = labContainer(dir);
    expect(ctrCli(dir, 'moby', ['containers', 'ls', '-q']).stdout.trim().split('\n')).toEqual([id]);
    expect(ctrCli(dir, 'default', ['containers', 'ls', '-q']).stdout.trim().split('\n')).toEqual(['container-lab-ctr']);
    const listed = dockerCli(dir, ['ps', '-a', '--no-trunc', '--format', '{{.ID}} {{.Names}}']).stdout;
    expect(listed).not.toContain('container-lab-ctr');
    expect(listed).toContain(id);
    expect(sessionProcesses(dir).filter((p) => p.comm === 'containerd'), 'one containerd for both').toHaveLength(1);
  });

  it('the image lands where dockerd says its image store is: a graph driver keeps it out of containerd', () => {
    const [version, driver, status] = dockerCli(dir, ['info', '--format', '{{.ServerVersion}}|{{.Driver}}|{{json .DriverStatus}}']).stdout.trim().split('|');
    const containerdStore = (JSON.parse(status) as string[][]).some(([k, v]) => k === 'driver-type' && v === 'io.containerd.snapshotter.v1');
    const images = ctrCli(dir, 'moby', ['images', 'ls', '-q']).stdout.split('\n');
    if (Number(version.split('.')[0]) < 24) expect(containerdStore, `Docker ${version} has no containerd image store`).toBe(false);
    if (containerdStore) expect(images).toContain('docker.io/container-lab/lab:latest');
    else {
      expect(driver).toBe('overlay2');
      expect(images.filter(Boolean), 'no image in containerd\'s moby namespace').toEqual([]);
    }
  });

  it('closing the lesson leaves no process, mount, cgroup or directory', async () => {
    await expectNothingLeft(live, dir);
  });
});

describeAsRoot('shim lesson: SIGKILL while containerd is down', () => {
  it('the daemonless shim, its container and everything else of the session go within 5 s', async () => {
    const cli = join(packageRoot(), 'dist/app/main.js');
    const child = spawn(process.execPath, [cli, 'run', 'shim', '--no-tui', '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let transcript = '';
    let shimPid = 0;
    let containerPid = 0;
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        transcript += chunk.toString();
        const steps = transcript.split('\n').filter((l) => l.includes('"type":"step"')).map((l) => JSON.parse(l));
        const stopped = steps.find((s) => s.action.name === 'stop-containerd');
        if (stopped) {
          const procs: Array<{ hostPid: number; role: string }> = stopped.state?.processes ?? [];
          shimPid = procs.find((p) => p.role === 'shim')?.hostPid ?? 0;
          containerPid = procs.find((p) => p.role === 'PID 1')?.hostPid ?? 0;
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', () => resolve());
    });
    const dir = /\/run\/container-lab\/session-[A-Za-z0-9]+/.exec(transcript)?.[0];
    expect(dir, 'the transcript names the session dir').toBeTruthy();
    expect(shimPid, 'the shim was running with containerd stopped').toBeGreaterThan(0);
    expect(containerPid).toBeGreaterThan(0);
    // processes and mounts: the reaper's doing, within 5 s
    const running = () => [shimPid, containerPid].filter(isAlive).length + sessionProcesses(dir!).length;
    expect(await until(() => running() === 0, 5000), `alive: ${[shimPid, containerPid].filter(isAlive)} ${sessionProcesses(dir!).map((p) => p.pid)}`).toBe(true);
    const mounts = () => readFileSync('/proc/self/mountinfo', 'utf8').split('\n').filter((l) => l.includes(dir! + '/'));
    expect(await until(() => mounts().length === 0, 5000), `mounts: ${mounts()}`).toBe(true);
    expect(await until(() => leftovers(dir!).length === 0, 5000), `left: ${leftovers(dir!)}`).toBe(true);
  });
});

describeAsRoot('shim lesson: undo while containerd is down', () => {
  const live = useLiveLesson('shim');

  it('steps back quickly: the close ends the shim, its container and the daemons without waiting for containerd', async () => {
    await runThrough(live, (a) => a === 'stop-containerd');
    const dir = (await live.helper.pids()).sessionDir;
    const old = labContainer(dir);
    const started = performance.now();
    await live.session.back();
    expect(performance.now() - started, 'undo time (ms)').toBeLessThan(10_000);
    expect(live.session.getState().steps.map((s) => s.error ?? '').filter(Boolean), 'no step failed in the rebuild').toEqual([]);
    // the rebuilt lesson stands at the step before: a new container under a shim, containerd running
    expect(isAlive(old.pid)).toBe(false);
    const now = (await live.helper.pids()).sessionDir;
    expect(containerdPids(now)).toHaveLength(1);
    expectUnderShim(now, labContainer(now).pid);
  });
});

/** The children of a process, from each /proc/<pid>/stat (the test's own reading, whatever CONFIG_PROC_CHILDREN says). */
function childrenOf(parent: number): number[] {
  return readdirSync('/proc').filter((n) => /^\d+$/.test(n)).map(Number).filter((p) => {
    try {
      return Number(readFileSync(`/proc/${p}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ')[1]) === parent;
    } catch {
      return false;
    }
  });
}

describeAsRoot('shim lesson: while dockerd is down, a container\'s output fills the pipes, then it blocks', () => {
  const live = useLiveLesson('shim');
  const KiB = 1024;

  it('with dockerd up 1 MiB of output drains; with dockerd killed the writer stops in pipe_write after the buffers fill', async () => {
    await runThrough(live, (a, p) => a === 'docker' && p.args[0] === 'run');
    const dir = (await live.helper.pids()).sessionDir;
    const script = 'for n in 1 2; do while [ ! -e /tmp/go$n ]; do sleep 0.1; done; head -c 1048576 /dev/zero; touch /tmp/done$n; done; sleep 1000';
    const run = dockerCli(dir, ['run', '-d', '--network', 'none', '--name', 'container-lab-flood', 'container-lab/lab:latest', 'sh', '-c', script]);
    expect(run.status, run.stderr).toBe(0);
    const pid = Number(dockerCli(dir, ['inspect', '--format', '{{.State.Pid}}', 'container-lab-flood']).stdout.trim());
    const inRoot = (path: string) => `/proc/${pid}/root${path}`;
    // control: dockerd reads the FIFO, so the whole MiB goes through
    writeFileSync(inRoot('/tmp/go1'), '');
    expect(await until(() => existsSync(inRoot('/tmp/done1')), 15_000), 'the first MiB drained while dockerd runs').toBe(true);
    const dockerd = sessionProcesses(dir).filter((p) => p.comm === 'dockerd').map((p) => p.pid);
    expect(dockerd).toHaveLength(1);
    process.kill(dockerd[0], 'SIGKILL');
    expect(await until(() => !isAlive(dockerd[0]), 5000), 'dockerd is gone').toBe(true);
    writeFileSync(inRoot('/tmp/go2'), '');
    const writer = (): number | undefined => childrenOf(pid).find((c) => readFileSync(`/proc/${c}/comm`, 'utf8').trim() === 'head');
    const blocked = () => {
      const w = writer();
      return w ? /pipe/.test(readFileSync(`/proc/${w}/wchan`, 'utf8')) : false;
    };
    expect(await until(blocked, 10_000), 'head waits in a pipe write').toBe(true);
    await new Promise((r) => setTimeout(r, 1000));
    const w = writer()!;
    expect(readFileSync(`/proc/${w}/wchan`, 'utf8'), 'still blocked a second later').toMatch(/^(anon_)?pipe_write$/);
    expect(readFileSync(`/proc/${w}/stat`, 'utf8').replace(/^.*\) /s, '')[0], 'interruptible sleep').toBe('S');
    expect(existsSync(inRoot('/tmp/done2')), 'the second MiB never finished').toBe(false);
    // what it got out: the FIFO's 64 KiB and the pipe's 64 KiB (pipe(7) defaults), the shim's 4 KiB copy buffer
    const written = Number(/^wchar:\s+(\d+)$/m.exec(readFileSync(`/proc/${w}/io`, 'utf8'))![1]);
    expect(written).toBeGreaterThanOrEqual(128 * KiB);
    expect(written).toBeLessThan(200 * KiB);
    const { sessionDir } = await live.helper.pids();
    await live.session.close();
    expect(await until(() => leftovers(sessionDir).length === 0, 10_000), `left: ${leftovers(sessionDir)}`).toBe(true);
  });
});
