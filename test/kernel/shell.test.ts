// `s` and `container-lab shell` for real: an info line until the container has its own mnt and pid namespaces and a
// PID 1; then a shell whose mount namespace is its own and whose ps lists only the container's PID namespace.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { HelperClient } from '../../src/helper/client.js';
import { LiveSession } from '../../src/lesson/liveSession.js';
import { loadLessons } from '../../src/lesson/loadLessons.js';
import { lessonsDir, packageRoot } from '../../src/sys/packageRoot.js';
import type { Lesson } from '../../src/types.js';
import { describeAsRoot } from '../support/requireRoot.js';
import { isAlive, mountinfo, nsLink, statusField, until } from '../support/kernelView.js';
import { TmuxSession } from '../support/tmux.js';

const cli = join(packageRoot(), 'dist/app/main.js');
const lessons = loadLessons(lessonsDir()).lessons;
const lesson = (id: string): Lesson => lessons.find((l) => l.id === id)!;

/** Host PIDs of every process in a PID namespace, keyed by their PID inside it (NSpid's last field). */
function membersOf(pidNs: string): Map<number, number> {
  const out = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readlinkSync(`/proc/${name}/ns/pid`) !== pidNs) continue;
      out.set(Number(statusField(Number(name), 'NSpid').split(/\s+/).pop()), Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** `container-lab shell` from a second terminal, with commands on its stdin: its exit status and what it printed. */
function joinShell(commands: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, 'shell'], { input: commands, encoding: 'utf8', timeout: 20000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Open {
  helper: HelperClient;
  session: LiveSession;
  tmux: TmuxSession;
}

/** A lesson on a real root helper whose shell gets a real terminal: a tmux pane that only sleeps. */
function useLesson(id: string): Open {
  const o = {} as Open;
  beforeAll(async () => {
    o.tmux = new TmuxSession(200, 50, 'sleep 600');
    o.helper = HelperClient.start('root', 'inherit');
    o.session = await LiveSession.open(o.helper, lesson(id), { sampleMs: 0, terminal: { run: (fn) => fn() }, tty: o.tmux.paneTty() });
  });
  afterAll(async () => {
    o.tmux?.kill(); // first: a shell still open gets SIGHUP, and the helper's shell call returns
    await o.session?.close();
    await o.helper?.stop();
  });
  return o;
}

async function runTo(session: LiveSession, count: number): Promise<void> {
  while (session.getState().cursor < count) {
    await session.next();
    const s = session.getState();
    expect(s.steps[s.cursor - 1]?.status, s.steps[s.cursor - 1]?.error).toBe('done');
  }
}

async function refused(session: LiveSession, pattern: RegExp): Promise<void> {
  await session.shell();
  const s = session.getState();
  expect(s.notice).toMatch(pattern);
  expect(s.error).toBeNull();
  expect(s.inShell).toBe(false);
}

describeAsRoot('honest shells: lesson 1', () => {
  const o = useLesson('just-a-process');

  it('in the intro: an info line naming step 1, and container-lab shell says the same kind of thing, exit 2, no stack trace', async () => {
    await refused(o.session, /^No container yet: .*own mount and PID namespaces — step 1 “New namespaces, one call” makes them\.$/);
    const joined = joinShell('echo SHOULD-NOT-RUN\n');
    expect(joined.status).toBe(2);
    expect(joined.stderr).toMatch(/^container-lab: no container yet in \S+: it lacks a mount namespace of its own and a PID namespace of its own\./);
    expect(joined.stderr + joined.stdout).not.toMatch(/SHOULD-NOT-RUN|\n\s+at /);
  }, 60000);

  it('after the namespaces, before PID 1: PID 1 is what is missing (a shell would become it)', async () => {
    await runTo(o.session, 1);
    await refused(o.session, /no PID 1 yet .* step 3 “PID 1” starts it\.$/);
    expect(joinShell('exit\n').stderr).toMatch(/lacks a PID 1 in its PID namespace/);
  }, 60000);
});

describeAsRoot('honest shells: lesson 6, a container by hand', () => {
  const o = useLesson('by-hand');
  const pidOne = lesson('by-hand').steps.findIndex((s) => s.action.name === 'start-container-init') + 1;

  it('in the intro: an info line naming step 1 “Namespaces”', async () => {
    await refused(o.session, /^No container yet: .* — step 1 “Namespaces” makes them\.$/);
  }, 60000);

  it('after PID 1: s opens a shell in a mount namespace of its own with a proc of the container\'s PID namespace, and leaves nothing', async () => {
    await runTo(o.session, pidOne);
    const pids = await o.helper.pids();
    const containerMnt = nsLink(pids.builder, 'mnt');
    const containerPid = nsLink(pids.init!, 'pid');
    expect(containerPid).not.toBe(nsLink('self', 'pid'));
    const containerMounts = mountinfo(pids.builder);
    const hostMounts = mountinfo('self');

    const shell = o.session.shell();
    let shellPid = 0;
    try {
    const banner = await o.tmux.waitFor(/host PID of this shell: (\d+)\./);
    shellPid = Number(/host PID of this shell: (\d+)\./.exec(banner)![1]);
    expect(banner).toMatch(/its own [a-z, ]*\bmnt\b[a-z, ]* namespaces/);
    expect(banner).toMatch(/fresh \/proc of the container's PID namespace/);
    await o.tmux.waitFor(/\[container-lab by-hand\] #/);
    // the kernel, read by the test: the shell's mount namespace is neither the host's nor the container's; its PID namespace is the container's
    const shellMnt = readlinkSync(`/proc/${shellPid}/ns/mnt`);
    expect(shellMnt).not.toBe(nsLink('self', 'mnt'));
    expect(shellMnt).not.toBe(containerMnt);
    expect(readlinkSync(`/proc/${shellPid}/ns/pid`)).toBe(containerPid);
    expect(readFileSync(`/proc/${shellPid}/cmdline`, 'utf8')).toContain('container-lab-sh'); // the lab's name, on the host's ps
    expect(mountinfo(shellPid).some((l) => l.split(' ')[4] === '/proc' && / - proc /.test(l))).toBe(true);

    await new Promise((r) => setTimeout(r, 500)); // the line editor takes the terminal after the prompt
    // each PID ps lists, with the PID namespace /proc shows for it (empty once it exited: the pipeline's own)
    o.tmux.keys('for p in $(ps -e -o pid=); do echo "P $p $(readlink /proc/$p/ns/pid)"; done; echo "MNT $(readlink /proc/self/ns/mnt) END"', 'Enter');
    const out = await o.tmux.waitFor(/^MNT \S+ END$/m);
    const mnt = /^MNT (\S+) END$/m.exec(out)![1];
    const listed = [...out.matchAll(/^P (\d+) ?(\S*)$/gm)].map((m) => ({ pid: Number(m[1]), ns: m[2] }));
    const members = membersOf(containerPid);
    expect(listed.map((l) => l.pid)).toContain(1);
    // every process ps saw that still lives is in the container's PID namespace; only the loop's own are gone
    for (const { pid, ns } of listed) if (ns) expect(ns, `PID ${pid}`).toBe(containerPid);
    expect(listed.filter((l) => !l.ns).length).toBeLessThanOrEqual(3);
    // and it saw every process the host sees in that namespace: PID 1 and the shell
    for (const inside of members.keys()) expect(listed.map((l) => l.pid)).toContain(inside);
    expect(mnt).toBe(shellMnt);
    // the container's own mount table and the host's did not change
    expect(mountinfo(pids.builder)).toEqual(containerMounts);
    expect(mountinfo('self')).toEqual(hostMounts);

    } finally {
      o.tmux.keys('exit', 'Enter');
    }
    await shell;
    expect(o.session.getState()).toMatchObject({ inShell: false, error: null });
    expect(await until(() => !isAlive(shellPid), 3000)).toBe(true);
    expect(mountinfo(pids.builder)).toEqual(containerMounts);
    expect(mountinfo('self')).toEqual(hostMounts);
  }, 120000);

  it('container-lab shell from a second terminal: the same, with a scripted command', () => {
    const joined = joinShell('echo "PIDS $(ps -e -o pid= | tr -s \' \\n\' \' \') MNT $(readlink /proc/self/ns/mnt) END"\nexit\n');
    expect(joined.status, joined.stderr).toBe(0);
    expect(joined.stdout).toMatch(/host PID of this shell: \d+\./);
    const [, listed, mnt] = /PIDS ([\d ]+) MNT (\S+) END/.exec(joined.stdout)!;
    expect(mnt).not.toBe(nsLink('self', 'mnt'));
    const seen = listed.trim().split(/\s+/).map(Number);
    expect(seen).toContain(1);
    expect(Math.max(...seen)).toBeLessThan(1000); // container PIDs, not host ones
  }, 60000);
});
