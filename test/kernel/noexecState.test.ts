// A stock systemd host's noexec /run, here: the state dir on a tmpfs mounted noexec; changing-root and runc-alone run for real; nothing is left, after a close or a crash.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';
import { describeAsRoot } from '../support/requireRoot.js';
import { useLiveLesson, type LiveLesson } from '../support/liveLesson.js';
import { isAlive, mountinfo, until } from '../support/kernelView.js';
import { verifyRuncStep } from '../support/runcView.js';
import { labLeaks, sessionLeftovers } from '../support/crashView.js';
import { packageRoot } from '../../src/sys/packageRoot.js';

/** The mount a path is the mount point of, from a process's own mount table: [options, fstype, source]. */
function mountAt(pid: number | 'self', path: string): { options: string[]; fsType: string; source: string } | null {
  const line = mountinfo(pid).map((l) => l.split(' ')).filter((f) => f[4] === path).pop();
  if (!line) return null;
  const dash = line.indexOf('-');
  return { options: line[5].split(','), fsType: line[dash + 1], source: line[dash + 2] };
}

/** Mount points at or under dir in the test's own (the host's) mount table. */
function mountsUnder(dir: string): string[] {
  return mountinfo('self').map((l) => l.split(' ')[4]).filter((p) => p === dir || p.startsWith(dir + '/'));
}

/**
 * Before the lab runs: a tmpfs mounted noexec,nosuid,nodev (as /run is on stock Debian and
 * Ubuntu) becomes the state dir through CONTAINER_LAB_STATE_DIR, which the helper inherits.
 * The test proves the mount really refuses to execute (a copy of busybox there: EACCES).
 */
function useNoexecStateDir(): { dir: string } {
  const state = { dir: '' };
  const before = process.env.CONTAINER_LAB_STATE_DIR;
  beforeAll(() => {
    state.dir = mkdtempSync('/tmp/container-lab-test-noexec-');
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'noexec,nosuid,nodev,mode=0755,size=512m', 'container-lab-test-noexec', state.dir]);
    expect(mountAt('self', state.dir)?.options).toContain('noexec');
    const probe = join(state.dir, 'busybox');
    copyFileSync('/bin/busybox', probe);
    chmodSync(probe, 0o755);
    const r = spawnSync(probe, ['true']);
    expect((r.error as NodeJS.ErrnoException | undefined)?.code, 'a program on this mount cannot execute').toBe('EACCES');
    execFileSync('rm', ['-f', probe]);
    process.env.CONTAINER_LAB_STATE_DIR = state.dir;
  });
  afterAll(() => {
    if (before === undefined) delete process.env.CONTAINER_LAB_STATE_DIR;
    else process.env.CONTAINER_LAB_STATE_DIR = before;
    if (!state.dir) return;
    // what the lab left is the assertion's business; the test's own mount goes whatever happened
    const left = readdirSync(state.dir);
    spawnSync('umount', ['--lazy', state.dir]);
    rmdirSync(state.dir);
    expect(left, 'the lab left nothing in its state dir').toEqual([]);
  });
  return state;
}

/** Runs every step; each must pass, and `verify` checks it independently. */
async function runAll(live: LiveLesson, sessionDir: string, verify: (i: number, sessionDir: string) => void | Promise<void>): Promise<void> {
  while (live.session.getState().cursor < live.lesson.steps.length) {
    const i = live.session.getState().cursor;
    await live.session.next();
    const run = live.session.getState().steps[i];
    expect(run.error ?? '', `step ${i + 1} (${live.lesson.steps[i].action.name})`).toBe('');
    expect(run.checks.every((c) => c.ok), `step ${i + 1}: ${JSON.stringify(run.checks)}`).toBe(true);
    await verify(i, sessionDir);
  }
}

/** The session dir: a tmpfs named container-lab of its own, in the host's mount table, without noexec. */
function expectExecTmpfs(sessionDir: string, stateDir: string): void {
  expect(sessionDir.startsWith(stateDir + '/session-')).toBe(true);
  const m = mountAt('self', sessionDir);
  expect(m, `${sessionDir} is a mount point`).not.toBeNull();
  expect(m!.fsType).toBe('tmpfs');
  expect(m!.source).toBe('container-lab');
  expect(m!.options).not.toContain('noexec');
}

/** The session's own leftovers while its helper still runs: its dir, mounts at or under it, processes naming it. */
async function closedClean(live: LiveLesson, sessionDir: string): Promise<void> {
  expect(sessionDir, 'the lesson opened a session').toMatch(/\/session-/);
  await live.session.close();
  const left = () => [
    ...(existsSync(sessionDir) ? [`dir ${sessionDir}`] : []),
    ...mountsUnder(sessionDir).map((m) => `mount ${m}`),
    ...sessionLeftovers(sessionDir, [], '/nonexistent-root'),
  ];
  expect(await until(() => left().length === 0, 5000), `left: ${left()}`).toBe(true);
}

/** Once the helper has stopped (useLiveLesson's afterAll runs before this one): lab-leaks sees nothing of the session. */
function leaksAfterHelper(session: () => string): void {
  afterAll(async () => {
    if (!session()) return;
    const leaks = () => labLeaks(packageRoot(), session());
    expect(await until(() => leaks().lines.length === 0, 5000), `lab-leaks says\n${leaks().output}`).toBe(true);
  });
}

/** A lesson run whole on the noexec state root, each step checked by `verify`; then closed clean. */
function lessonOnNoexec(title: string, id: string, what: string, verify: (live: LiveLesson, i: number, dir: string) => void | Promise<void>): void {
  describeAsRoot(`state dir on a noexec mount: ${title}`, () => {
    const state = useNoexecStateDir();
    let sessionDir = '';
    leaksAfterHelper(() => sessionDir);
    const live = useLiveLesson(id);

    it(`every step passes; ${what}`, async () => {
      sessionDir = (await live.helper.pids()).sessionDir;
      await runAll(live, sessionDir, (i, dir) => verify(live, i, dir));
      expectExecTmpfs(sessionDir, state.dir);
    });

    it('closing leaves no mount, no session dir, nothing lab-leaks sees', async () => {
      await closedClean(live, sessionDir);
    });
  });
}

lessonOnNoexec('changing-root (lesson 5) runs programs in its new root', 'changing-root', 'the rootfs bind mount and the pivoted root can execute', async (live, i, dir) => {
  const step = live.lesson.steps[i];
  const pids = await live.helper.pids();
  if (step.action.name === 'prepare-rootfs') {
    // a bind mount keeps its source mount's flags: the source is the lab's tmpfs, not the noexec state dir
    const rootfs = mountAt(pids.builder, join(dir, 'rootfs'));
    expect(rootfs, 'rootfs is a mount point in the container process').not.toBeNull();
    expect(rootfs!.options).not.toContain('noexec');
  }
  if (step.action.name === 'run-in-root') {
    // the test's own exec in the pivoted process's mount namespace and root
    const r = spawnSync('nsenter', ['-t', String(pids.pivot), '-m', '-r', '/bin/busybox', 'echo', 'container-lab exec ok'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('container-lab exec ok');
    expect(live.session.getState().steps[i].output?.join('\n') ?? '').not.toMatch(/EACCES/);
  }
});

lessonOnNoexec('runc-alone (lesson 10) starts its container from the bundle', 'runc-alone', 'runc starts /bin/sleep from the bundle rootfs (checked on runc and /proc)', (live, i, dir) => {
  const step = live.lesson.steps[i];
  verifyRuncStep(step.action.name, step.action.params as Record<string, any>, dir);
});

describeAsRoot('state dir on a noexec mount: a crash', () => {
  const state = useNoexecStateDir();

  it('SIGKILL of the app and its helper by PID after the pivot: the reaper removes the session tmpfs within 5 s', async () => {
    const cli = join(packageRoot(), 'dist/app/main.js');
    const child = spawn(process.execPath, [cli, 'run', 'changing-root', '--no-tui', '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let transcript = '';
    const pids = new Set<number>();
    let helper = 0;
    let at = 0;
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        transcript += chunk.toString();
        const steps = transcript.split('\n').filter((l) => l.includes('"type":"step"')).map((l) => JSON.parse(l));
        for (const s of steps) for (const p of s.state?.processes ?? []) pids.add(p.hostPid);
        if (helper === 0 && steps.some((s) => s.action?.name === 'run-in-root')) {
          helper = Number(readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(/\s+/)
            .find((c) => readFileSync(`/proc/${c}/cmdline`, 'utf8').includes('--container-lab-helper')));
          child.kill('SIGKILL');
          process.kill(helper, 'SIGKILL');
          at = performance.now();
          resolve();
        }
      });
      child.on('exit', () => resolve());
    });
    expect(helper, 'the app\'s helper').toBeGreaterThan(0);
    const sessionDir = readdirSync(state.dir).map((n) => join(state.dir, n)).find((d) => d.includes('/session-'));
    expect(sessionDir, 'the session dir, still there at the kill').toBeDefined();
    expect(mountAt('self', sessionDir!)?.source).toBe('container-lab');
    const clean = () => sessionLeftovers(sessionDir!, [...pids, helper], packageRoot()).length === 0;
    expect(await until(clean, 5000), `left: ${sessionLeftovers(sessionDir!, [...pids, helper], packageRoot())}`).toBe(true);
    console.log(`noexec crash: clean after ${Math.round(performance.now() - at)} ms`);
    expect(mountsUnder(state.dir)).toEqual([state.dir]);
    expect([...pids].filter(isAlive)).toEqual([]);
    const leaks = labLeaks(packageRoot(), sessionDir!);
    expect(leaks.lines, `lab-leaks says\n${leaks.output}`).toEqual([]);
  });
});
