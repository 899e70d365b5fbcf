// Progress across a restart, in a real terminal: lesson 2 left after 3 steps shows "3/16 steps" on the next start, and Continue runs those 3 steps again for real (checked in /proc).
import { expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync, readlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../src/sys/packageRoot.js';
import { describeAsRoot } from '../support/requireRoot.js';
import { TmuxSession, hasTmux, useTmux } from '../support/tmux.js';
import { builderPid, labProcesses, until } from '../support/kernelView.js';
import { freshStateHome } from '../support/ownStateHome.js';

const cli = join(packageRoot(), 'dist/app/main.js');
const tmux = useTmux('progress end-to-end tests');

/** the app with a state home of its own (the variable the learner's shell would have) */
function app(state: string): TmuxSession {
  return new TmuxSession(160, 45, `env -u CI XDG_STATE_HOME=${state} TERM=xterm-256color ${process.execPath} ${cli}; echo EXIT=$?; sleep 60`);
}

const nsInode = (pid: number | 'self', ns: string) => readlinkSync(`/proc/${pid}/ns/${ns}`);

describeAsRoot('progress across a restart of the app', () => {
  it.runIf(hasTmux())('lesson 2 left after 3 steps: the menu shows 3/16 steps and Continue, which opens it with its 3 steps run again', async () => {
    const state = freshStateHome('progress-e2e');
    const file = join(state, 'container-lab', 'progress.json');
    const total = 16;

    tmux.t = app(state);
    await tmux.t.waitFor(/12\. containerd without docker/, 30000);
    expect(tmux.t.screen()).not.toMatch(/Continue:|\d+\/\d+ steps/); // nothing yet
    tmux.t.keys('Down');
    await tmux.t.waitFor(/❯ 2\. Namespaces/);
    tmux.t.keys('Enter');
    await tmux.t.waitFor(new RegExp(`0/${total} steps done`), 30000);
    for (let i = 1; i <= 3; i++) {
      tmux.t.keys('Right');
      await tmux.t.waitFor(new RegExp(`${i}/${total} steps done`), 30000);
    }
    tmux.t.keys('q');
    await tmux.t.waitFor(/EXIT=0/, 30000);
    expect(await until(() => labProcesses().length === 0, 5000), `left: ${labProcesses()}`).toBe(true);
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    expect(saved.lessons.namespaces).toMatchObject({ stepsReached: 3, steps: total });
    tmux.t.kill();

    // the next start: the menu reads the file
    tmux.t = app(state);
    const menu = await tmux.t.waitFor(/12\. containerd without docker/, 30000);
    expect(menu).toMatch(new RegExp(`2\\. Namespaces  3/${total} steps`));
    expect(menu).toMatch(/❯ Continue: Namespaces, step 3/);
    expect(menu).toContain('Enter opens it and runs steps 1–3 again, for real');
    tmux.t.keys('Enter');
    const lesson = await tmux.t.waitFor(new RegExp(`3/${total} steps done`), 60000);
    expect(lesson).not.toMatch(/✗/);
    // the kernel, read independently: the container has a uts and a mount namespace of its own and its hostname
    const pid = builderPid();
    expect(nsInode(pid, 'uts')).not.toBe(nsInode('self', 'uts'));
    expect(nsInode(pid, 'mnt')).not.toBe(nsInode('self', 'mnt'));
    expect(execFileSync('nsenter', ['-t', String(pid), '-u', 'hostname'], { encoding: 'utf8' }).trim()).toBe('container-lab');
    expect(hostname()).not.toBe('container-lab');
    // no step after the third ran: the container still shares the host's pid namespace (step 6 makes its own)
    expect(nsInode(pid, 'pid')).toBe(nsInode('self', 'pid'));
    tmux.t.keys('q');
    await tmux.t.waitFor(/EXIT=0/, 30000);
    expect(await until(() => labProcesses().length === 0, 5000), `left: ${labProcesses()}`).toBe(true);
  }, 180_000);
});
