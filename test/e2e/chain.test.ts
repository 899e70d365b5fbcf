// The chain lessons in a real terminal: the API log and the live chain on screen, checked against /proc and the proxy's own log.
import { afterEach, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/sys/packageRoot.js';
import { describeAsRoot } from '../support/requireRoot.js';
import { TmuxSession, appCommand } from '../support/tmux.js';
import { until } from '../support/kernelView.js';
import { parentComm, procTable, sessionProcesses } from '../support/chainView.js';

const cli = join(packageRoot(), 'dist/app/main.js');
let tmux: TmuxSession | null = null;

afterEach(() => {
  tmux?.kill();
  tmux = null;
});

/** The session directory of the app running in tmux: the one whose owner is the app's helper. */
function sessionDir(t: TmuxSession): string {
  const procs = procTable();
  const mine = new Set([t.panePid()]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of procs) {
      if (mine.has(p.ppid) && !mine.has(p.pid)) {
        mine.add(p.pid);
        grew = true;
      }
    }
  }
  const helper = procs.find((p) => mine.has(p.pid) && p.cmdline.includes('--container-lab-helper'));
  if (!helper) throw new Error('the app in tmux has no helper');
  for (const n of readdirSync('/run/container-lab')) {
    const dir = `/run/container-lab/${n}`;
    try {
      if (readFileSync(join(dir, 'owner'), 'utf8').split(' ')[0] === String(helper.pid)) return dir;
    } catch {
      // not a session dir
    }
  }
  throw new Error(`no session dir is owned by helper ${helper.pid}`);
}

async function steps(t: TmuxSession, from: number, to: number, total: number): Promise<string> {
  let screen = '';
  for (let i = from; i <= to; i++) {
    t.keys('Right');
    screen = await t.waitFor(new RegExp(`${i}/${total} steps done`), 30_000);
  }
  return screen;
}

describeAsRoot('the chain lessons in a terminal', () => {
  it('160×45: docker run through the proxy shows create, attach, wait, start — the same requests the proxy logged', async () => {
    tmux = new TmuxSession(160, 45, appCommand(cli, ['docker-rest']));
    await tmux.waitFor(/0\/8 steps done/, 15_000);
    await steps(tmux, 1, 5, 8);
    const screen = await tmux.waitFor(/containers\/[0-9a-f]{12}\/start/);
    expect(screen).toMatch(/POST \/v1\.\d+\/containers\/create → 201/);
    expect(screen).toMatch(/attach.*→ 101 UPGRADED/);
    expect(screen).toMatch(/wait.*→ 200/);
    expect(screen).not.toMatch(/✗/);
    const dir = sessionDir(tmux);
    const logged = readFileSync(join(dir, 'api-log.jsonl'), 'utf8');
    expect(logged).toMatch(/"method":"POST","path":"\/v1\.\d+\/containers\/create"/);
    tmux.keys('q');
    await tmux.waitFor(/EXIT=0/, 15_000);
    expect(await until(() => sessionProcesses(dir).length === 0, 5000)).toBe(true);
  });

  it('80×24 and 160×45: the live chain — the shim on screen is the container\'s parent, runc caught and gone', async () => {
    tmux = new TmuxSession(160, 45, appCommand(cli, ['dockerd-to-runc']));
    await tmux.waitFor(/0\/7 steps done/, 15_000);
    const screen = await steps(tmux, 1, 3, 7);
    const dir = sessionDir(tmux);
    const shim = sessionProcesses(dir).find((p) => p.comm.startsWith('containerd-shim') && !/\sstart(\s|$)/.test(p.cmdline));
    expect(shim).toBeDefined();
    const child = procTable().find((p) => p.ppid === shim!.pid);
    expect(child, 'the shim has the container as its child').toBeDefined();
    expect(parentComm(child!.pid)).toMatch(/^containerd-shim/);
    // on screen: the shim's PID as "shim", the container's as PID 1, runc create with the moment it went
    expect(screen).toMatch(new RegExp(`\\b${shim!.pid}\\b.*shim`));
    expect(screen).toMatch(new RegExp(`\\b${child!.pid}\\s+1\\s+PID 1`));
    expect(screen).toMatch(/runc create.*gone (at )?\+\d+ ms/);
    expect(procTable().filter((p) => p.comm === 'runc')).toEqual([]);
    tmux.resize(80, 24);
    // 80×24 with the task open: the step's checks and the timeline (the shim with its PID, runc
    // create gone) keep their lines; the process panel gives way to them
    const small = await tmux.waitFor(/^Checks step 3: 3\/3 passed/m);
    expect(Math.max(...small.split('\n').map((l) => [...l].length))).toBeLessThanOrEqual(80);
    expect(small).toMatch(new RegExp(`containerd-shim-runc-v2 +pid ${shim!.pid}\\b`));
    expect(small).toMatch(/runc create +pid \d+ +gone (at )?\+\d+ ms/);
    expect(small).toMatch(/^✓ shim-is-parent /m);
    tmux.keys('q');
    await tmux.waitFor(/EXIT=0/, 15_000);
    expect(await until(() => sessionProcesses(dir).length === 0, 5000), 'the daemons, shim and container end with the app').toBe(true);
  });
});
