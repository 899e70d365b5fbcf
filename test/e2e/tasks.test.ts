// A learner in a real terminal (tmux): lesson 2's hostname task solved from the s shell, seen by the kernel and by the lab; the menu shows it after a restart.
import { expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/sys/packageRoot.js';
import { describeAsRoot } from '../support/requireRoot.js';
import { TmuxSession, appCommand, hasTmux, useTmux } from '../support/tmux.js';
import { builderPid } from '../support/kernelView.js';

const cli = join(packageRoot(), 'dist/app/main.js');
const session = useTmux('end-to-end task tests');
const widest = (screen: string): number => Math.max(...screen.split('\n').map((l) => [...l].length));
/** busybox's line editor takes the terminal after drawing its prompt: keys typed before that are lost */
const settle = () => new Promise((r) => setTimeout(r, 500));

describeAsRoot('a task in a terminal', () => {
  it.runIf(hasTmux())('lesson 2: the hostname task, open after step 8, solved with hostname mine in the s shell; the host keeps its name; the menu says so after a restart', async () => {
    const hostName = readFileSync('/proc/sys/kernel/hostname', 'utf8').trim();
    const tmux = (session.t = new TmuxSession(160, 45, appCommand(cli, ['namespaces'])));
    await tmux.waitFor(/0\/16 steps done/, 20000);
    tmux.keys('g', '8', 'Enter');
    await tmux.waitFor(/8\/16 steps done/, 30000);
    const open = await tmux.waitFor(/✗ hostname-inside[^:\n]*: hostname inside is container-lab/, 5000);
    expect(open).toContain('▶ Task 1/2 · A name of your own');
    expect(open).toMatch(/✓ host-hostname-unchanged/);
    expect(open).toContain('h a hint (2 left)');
    expect(widest(open)).toBeLessThanOrEqual(160);

    tmux.keys('h');
    await tmux.waitFor(/hint 1\/2: hostname\(1\) with one argument calls/);

    tmux.keys('s');
    await tmux.waitFor(/\[container-lab container-lab\] #/);
    await settle();
    tmux.keys('hostname mine', 'Enter');
    await tmux.waitFor(/\[container-lab container-lab\] #[^\n]*\n[^\n]*\[container-lab (container-lab|mine)\] #/);
    // the kernel, asked by the test itself: the container's UTS namespace is named mine, the host's is not
    expect(execFileSync('nsenter', ['-t', String(builderPid()), '-u', 'hostname'], { encoding: 'utf8' }).trim()).toBe('mine');
    expect(readFileSync('/proc/sys/kernel/hostname', 'utf8').trim()).toBe(hostName);
    await settle();
    tmux.keys('exit', 'Enter');
    const solved = await tmux.waitFor(/✓ Task 1\/2 · A name of your own — solved in \d+:\d\d, 1 hint/, 10000);
    expect(solved).toContain('the kernel showed: hostname inside: mine');
    // the next task of the step is the open one now
    expect(solved).toContain('▶ Task 2/2 · A mount the host cannot see');

    tmux.keys('q');
    await tmux.waitFor(/EXIT=0/, 20000);
    tmux.kill();

    // the next day: the menu has the lesson's steps and its solved task
    const again = (session.t = new TmuxSession(160, 45, appCommand(cli, [])));
    const menu = await again.waitFor(/12\. containerd without docker/, 30000);
    expect(menu).toMatch(/2\. Namespaces\s+8\/16 steps, 1 task solved/);
    expect(menu).toContain('Continue: Namespaces, step 8');
    again.keys('q');
    await again.waitFor(/EXIT=0/, 20000);
  });
});
