// The real app in a real terminal (tmux): keys in, screen out, kernel state checked on the side.
import { afterEach, expect, it } from 'vitest';
import { readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/sys/packageRoot.js';
import { describeAsRoot, inCi } from '../support/requireRoot.js';
import { TmuxSession, appCommand, hasTmux } from '../support/tmux.js';
import { builderPid, labProcesses, until } from '../support/kernelView.js';

const cli = join(packageRoot(), 'dist/app/main.js');
let tmux: TmuxSession | null = null;

function inode(link: string): string {
  return /\[(\d+)\]/.exec(link)![1];
}

function widest(screen: string): number {
  return Math.max(...screen.split('\n').map((l) => [...l].length));
}

/** Presses → once per step and waits for each to be counted as done. */
async function runSteps(t: TmuxSession, count: number, total: number): Promise<void> {
  for (let i = 1; i <= count; i++) {
    t.keys('Right');
    await t.waitFor(new RegExp(`${i}/${total} steps done`));
  }
}

const settle = () => new Promise((r) => setTimeout(r, 500));

/**
 * `container-lab shell` in a second terminal: types one command once the prompt has settled,
 * returns the match of its output line, then exits the shell cleanly.
 */
async function inJoinedShell(command: string, result: RegExp): Promise<RegExpExecArray> {
  const second = new TmuxSession(100, 20, appCommand(cli, ['shell']));
  try {
    await second.waitFor(/\[container-lab joined\] #/);
    await settle();
    second.keys(command, 'Enter');
    const screen = await second.waitFor(result);
    // Between commands busybox's line editor resets the terminal and drops what was typed ahead.
    await second.waitFor(new RegExp(result.source.replace(/\$$/, '') + '.*\\n\\[container-lab joined\\] #', 'm'));
    await settle();
    second.keys('exit', 'Enter');
    await second.waitFor(/EXIT=0/);
    return result.exec(screen)!;
  } finally {
    second.kill();
  }
}

afterEach(() => {
  tmux?.kill();
  tmux = null;
});

if (!hasTmux()) {
  if (inCi) throw new Error('tmux is missing: the end-to-end suite cannot run, and in CI no suite may be skipped');
  process.stderr.write('\n*** SKIPPED: end-to-end TUI tests need tmux (apt-get install tmux) ***\n\n');
}

describeAsRoot('the app in a terminal', () => {
  it.runIf(hasTmux())('80×24: a whole lesson with the arrow key, then q tears everything down', async () => {
    tmux = new TmuxSession(80, 24, appCommand(cli, ['just-a-process']));
    await tmux.waitFor(/0\/6 steps done/);
    await runSteps(tmux, 6, 6);
    const screen = tmux.screen();
    expect(screen).toMatch(/container-lab-init/); // PID 1 in the process panel
    expect(screen).not.toMatch(/✗/);
    expect(widest(screen)).toBeLessThanOrEqual(80);
    const pid = builderPid();
    tmux.keys('q');
    await tmux.waitFor(/EXIT=0/);
    expect(await until(() => labProcesses().length === 0, 2000), `left: ${labProcesses()}`).toBe(true);
    expect(() => readlinkSync(`/proc/${pid}/ns/uts`)).toThrow();
  });

  it.runIf(hasTmux())('160×45: menu, open, the namespace panel shows the real inodes, resize to 80×24 live', async () => {
    tmux = new TmuxSession(160, 45, appCommand(cli, []));
    const menu = await tmux.waitFor(/Namespaces/);
    expect(menu).toMatch(/A container is just a process/);
    tmux.keys('Enter');
    await tmux.waitFor(/0\/6 steps done/);
    tmux.keys('Right');
    await tmux.waitFor(/1\/6 steps done/);
    const uts = inode(readlinkSync(`/proc/${builderPid()}/ns/uts`));
    const hostUts = inode(readlinkSync('/proc/self/ns/uts'));
    expect(uts).not.toBe(hostUts);
    // The panel refreshes right after the step: wait for the kernel's new inode to be on screen.
    const screen = await tmux.waitFor(new RegExp(`\\buts\\s+${hostUts}\\s+${uts}`));
    const row = screen.split('\n').find((l) => /\buts\s+\d{6,}\s+\d{6,}/.test(l));
    expect(row, screen).toBeDefined();
    expect(row).toContain(hostUts);
    expect(row).toContain(uts);
    tmux.resize(80, 24);
    const small = await tmux.waitFor(/≠ own: uts/);
    expect(widest(small)).toBeLessThanOrEqual(80);
    tmux.keys('q');
    await tmux.waitFor(/EXIT=0/);
    expect(await until(() => labProcesses().length === 0, 2000)).toBe(true);
  });

  it.runIf(hasTmux())('a resize leaves no stale lines: 160×45 → 80×24 → 160×45, the menu drawn once from the top', async () => {
    tmux = new TmuxSession(160, 45, appCommand(cli, []));
    await tmux.waitFor(/12\. containerd without docker/, 30000);
    for (const [cols, rows] of [[80, 24], [160, 45]] as const) {
      tmux.resize(cols, rows);
      await tmux.waitFor(cols === 80 ? /choose.*\n.*container,…/ : /container, one system call at a time, and see the host/);
      await new Promise((r) => setTimeout(r, 300)); // past the app's redraw after a resize
      const screen = tmux.screen();
      const lines = screen.split('\n');
      expect(lines[0], screen).toMatch(/^container-lab — how containers work/);
      expect(screen.match(/how containers work/g), screen).toHaveLength(1);
      expect(screen.match(/12\. containerd without docker/g), screen).toHaveLength(1);
      expect(widest(screen)).toBeLessThanOrEqual(cols);
    }
    tmux.keys('q');
    await tmux.waitFor(/EXIT=0/);
  });

  it.runIf(hasTmux())('s before there is a container: a calm info line naming the step, no error box (lesson 1 at 80×24, lesson 6 at 160×45)', async () => {
    for (const [cols, rows, id, total, step] of [[80, 24, 'just-a-process', 6, 'step 1 “New namespaces, one call” makes them'], [160, 45, 'by-hand', 16, 'step 1 “Namespaces” makes them']] as const) {
      tmux = new TmuxSession(cols, rows, appCommand(cli, [id]));
      await tmux.waitFor(new RegExp(`0/${total} steps done`));
      tmux.keys('s');
      const screen = await tmux.waitFor(/ℹ No container yet/);
      expect(screen.replace(/\n\s*/g, ' ')).toContain(step);
      expect(screen).not.toMatch(/✗|hint:|r starts the lesson again|\[container-lab/);
      expect(widest(screen)).toBeLessThanOrEqual(cols);
      tmux.keys('q');
      await tmux.waitFor(/EXIT=0/);
      tmux.kill();
    }
  });

  it.runIf(hasTmux())('s opens a shell inside the container and the app comes back after exit', async () => {
    tmux = new TmuxSession(100, 30, appCommand(cli, ['just-a-process']));
    await tmux.waitFor(/0\/6 steps done/);
    await runSteps(tmux, 4, 6);
    tmux.keys('s');
    await tmux.waitFor(/\[container-lab container-lab\] #/);
    // /proc/self, not /proc/$$: this /proc is still the host's, where the shell's PID inside means another process.
    tmux.keys('echo "uts=$(readlink /proc/self/ns/uts)"', 'Enter');
    const shell = await tmux.waitFor(/^uts=uts:\[\d+\]/m);
    const inShell = /^uts=uts:\[(\d+)\]/m.exec(shell)![1];
    expect(inShell).toBe(inode(readlinkSync(`/proc/${builderPid()}/ns/uts`)));
    tmux.keys('exit', 'Enter');
    await tmux.waitFor(/4\/6 steps done/);
    tmux.keys('q');
    await tmux.waitFor(/EXIT=0/);
  });

  it.runIf(hasTmux())('a container by hand: s is a shell in the pivoted root next to PID 1 sh; container-lab shell lands there too', async () => {
    tmux = new TmuxSession(160, 45, appCommand(cli, ['by-hand']));
    await tmux.waitFor(/0\/16 steps done/);
    await runSteps(tmux, 16, 16);
    expect(tmux.screen()).not.toMatch(/✗/);
    tmux.keys('s');
    await tmux.waitFor(/\[container-lab by-hand\] #/);
    await settle(); // busybox's line editor takes the terminal after drawing the prompt: keys before that are lost
    tmux.keys('echo "host=$(hostname) init=$(tr \'\\0\' \' \' < /proc/1/cmdline) hello=$(ls /usr/bin/hello)"', 'Enter');
    const out = await tmux.waitFor(/^host=\S+ init=.* hello=\S*$/m);
    expect(/^host=(\S+) init=(.*) hello=(\S*)$/m.exec(out)!.slice(1)).toEqual(['by-hand', '/bin/sh ', '/usr/bin/hello']);
    // Between commands busybox's line editor resets the terminal and drops what was typed ahead.
    await tmux.waitFor(/hello=\S*\n\[container-lab by-hand\] #/);
    await settle();
    tmux.keys('exit', 'Enter');
    await tmux.waitFor(/16\/16 steps done/);
    const joined = await inJoinedShell(
      'echo "joined=$(hostname) $(ls /usr/bin/hello) $(ls / | tr \'\\n\' \' \')"',
      /^joined=(\S+) (\S+) (.*)$/m,
    );
    const [, host, hello, top] = joined;
    expect([host, hello]).toEqual(['by-hand', '/usr/bin/hello']);
    expect(top.split(' ')).not.toContain('run'); // the image's tree, not the host's (/run holds the session)
    tmux.keys('q');
    await tmux.waitFor(/EXIT=0/);
    expect(await until(() => labProcesses().length === 0, 2000), `left: ${labProcesses()}`).toBe(true);
  });

  it.runIf(hasTmux())('container-lab shell joins the running container from a second terminal', async () => {
    tmux = new TmuxSession(160, 45, appCommand(cli, ['namespaces']));
    await tmux.waitFor(/0\/16 steps done/);
    await runSteps(tmux, 8, 16); // through "mount /proc": own PID namespace and its /proc
    const [, pid, host, procs] = await inJoinedShell(
      'echo "pid=$$ host=$(hostname) procs=$(ls /proc | grep -c \'^[0-9]\')"',
      /^pid=(\d+) host=(\S+) procs=(\d+)/m,
    );
    expect(host).toBe('container-lab');
    expect(Number(pid)).toBeLessThan(100); // a PID of the container's namespace, not the host's
    expect(Number(procs)).toBeLessThan(10);
    tmux.keys('q');
    await tmux.waitFor(/EXIT=0/);
  });
});
