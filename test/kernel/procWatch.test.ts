// The process watcher for real: the proc connector catches a shell's fork/exec/exit chain and a few-ms runc;
// the /proc polling fallback sees a 200 ms sleep; the watcher process is gone after stop().
import { afterEach, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describeAsRoot } from '../support/requireRoot.js';
import { until } from '../support/kernelView.js';
import { nowMs, startProcWatch, type ProcWatch, type WatchedProcess } from '../../src/chain/procWatch.js';

const RUNC = '/usr/sbin/runc';

/** Runs a program to its end; resolves with its PID. */
function run(program: string, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: 'ignore' });
    child.once('error', reject);
    child.once('exit', () => resolve(child.pid ?? -1));
  });
}

/** Watcher processes whose parent is this test process, read from /proc directly. */
function watchersOfThisProcess(): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8');
      if (cmd.includes('--container-lab-procwatch\0' + process.pid)) out.push(Number(name));
    } catch {
      // gone
    }
  }
  return out;
}

let watch: ProcWatch | null = null;

afterEach(async () => {
  await watch?.stop();
  watch = null;
  delete process.env.CONTAINER_LAB_PROCWATCH;
});

async function stopAndCheckGone(w: ProcWatch): Promise<void> {
  await w.stop();
  watch = null;
  expect(existsSync(`/proc/${w.pid}`)).toBe(false);
  expect(watchersOfThisProcess()).toEqual([]);
}

describeAsRoot('process watcher', () => {
  it('connector: sees sh fork and exec, its short-lived child, the exec into sleep, exit codes, in order', async () => {
    watch = await startProcWatch();
    const w = watch;
    expect(w.mode).toBe('connector');
    expect(w.setupLog.map((e) => e.call)).toEqual(expect.arrayContaining(['socket', 'bind', 'setsockopt', 'send']));
    expect(watchersOfThisProcess()).toEqual([w.pid]);

    // /bin/true lives 1–3 ms: the watcher reads /proc within ~0.3 ms of the kernel's event, but on
    // a loaded machine it can be late and find it reaped (comm and cmdline then ''). The structure
    // must be right every time; the name must be caught in at least one of three runs.
    let named = 0;
    for (let attempt = 0; attempt < 3 && named === 0; attempt++) {
      const t0 = nowMs();
      const shPid = await run('/bin/sh', ['-c', '/bin/true; sleep 0.05; exec /bin/sleep 0.1']);
      const t1 = nowMs();
      expect(await until(() => w.get(shPid)?.exitAt !== undefined, 2000), 'exit of sh seen').toBe(true);

      const sh = w.get(shPid) as WatchedProcess;
      expect(sh.ppid).toBe(process.pid);
      expect(sh.execs.map((e) => e.comm)).toEqual(['sh', 'sleep']);
      expect(sh.execs[0].cmdline).toBe('/bin/sh -c /bin/true; sleep 0.05; exec /bin/sleep 0.1');
      expect(sh.execs[1].cmdline).toBe('/bin/sleep 0.1');
      expect(sh.comm).toBe('sleep');
      expect(sh.exitCode).toBe(0);

      const children = w.since(t0).filter((p) => p.ppid === shPid);
      expect(children, JSON.stringify(children)).toHaveLength(2);
      const [tru, nap] = children;
      expect(nap.execs.map((e) => e.cmdline)).toEqual(['sleep 0.05']);
      expect(tru.execs).toHaveLength(1);
      expect(['true', '']).toContain(tru.execs[0].comm);
      if (tru.execs[0].comm === 'true' && tru.execs[0].cmdline === '/bin/true') named++;
      for (const p of [tru, nap]) {
        expect(p.exitAt).toBeDefined();
        expect(p.exitCode).toBe(0);
      }

      // One clock (ms since the epoch, kernel timestamps mapped onto it): the story in order, inside
      // the run. The watcher's and this process's epoch origins are each sampled once: allow 1 ms.
      const story = [
        sh.firstSeen, sh.execs[0].t, tru.firstSeen, tru.execs[0].t, tru.exitAt as number,
        nap.firstSeen, nap.execs[0].t, nap.exitAt as number, sh.execs[1].t, sh.exitAt as number,
      ];
      expect([...story].sort((a, b) => a - b)).toEqual(story);
      expect(story[0]).toBeGreaterThanOrEqual(t0 - 1);
      expect(story[story.length - 1]).toBeLessThanOrEqual(t1 + 1);
      expect((nap.exitAt as number) - nap.execs[0].t).toBeGreaterThanOrEqual(45); // sleep 0.05
      expect((sh.exitAt as number) - sh.execs[1].t).toBeGreaterThanOrEqual(95); // sleep 0.1
    }
    expect(named, 'a child `true` with its command line, in one of three runs').toBe(1);

    await stopAndCheckGone(w);
  });

  it.skipIf(!existsSync(RUNC))('connector: catches `runc --version`, which lives a few ms, with its command line', async () => {
    watch = await startProcWatch();
    const w = watch;
    const t0 = nowMs();
    const pid = await run(RUNC, ['--version']);
    expect(await until(() => w.get(pid)?.exitAt !== undefined, 2000)).toBe(true);
    const runc = w.since(t0).find((p) => p.pid === pid) as WatchedProcess;
    expect(runc.execs.map((e) => e.cmdline)).toEqual([`${RUNC} --version`]);
    expect(runc.comm).toBe('runc');
    expect(runc.exitCode).toBe(0);
    await stopAndCheckGone(w);
  });

  it('poll fallback (CONTAINER_LAB_PROCWATCH=poll): sees a 200 ms sleep come and go', async () => {
    process.env.CONTAINER_LAB_PROCWATCH = 'poll';
    watch = await startProcWatch();
    const w = watch;
    expect(w.mode).toBe('poll');
    expect(w.why).toMatch(/CONTAINER_LAB_PROCWATCH/);
    const t0 = nowMs();
    const pid = await run('/bin/sleep', ['0.2']);
    const t1 = nowMs();
    expect(await until(() => w.get(pid)?.exitAt !== undefined, 2000)).toBe(true);
    const sleep = w.get(pid) as WatchedProcess;
    expect(sleep.ppid).toBe(process.pid);
    expect(sleep.comm).toBe('sleep');
    expect(sleep.cmdline).toBe('/bin/sleep 0.2');
    expect(sleep.firstSeen).toBeGreaterThanOrEqual(t0 - 1);
    expect(sleep.firstSeen).toBeLessThan(t1);
    expect((sleep.exitAt as number) - sleep.firstSeen).toBeGreaterThan(150);
    await stopAndCheckGone(w);
  });

  it('stop() after the watcher was killed still resolves, and nothing is left', async () => {
    watch = await startProcWatch();
    const w = watch;
    process.kill(w.pid, 'SIGKILL');
    await w.stop();
    watch = null;
    expect(existsSync(`/proc/${w.pid}`)).toBe(false);
  });
});
