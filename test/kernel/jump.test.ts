// Going to a step (g N) for real: the kernel state after jump(N) is the state after → pressed N times from the start, read from /proc.
import { readdirSync, readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import type { SessionEvent } from '../../src/lesson/reducer.js';
import { describeAsRoot } from '../support/requireRoot.js';
import { useLiveLesson, type LiveLesson } from '../support/liveLesson.js';
import { inNamespaces, isAlive, mountinfo, nsLink, until } from '../support/kernelView.js';

const NAMESPACES = ['uts', 'mnt', 'net', 'ipc', 'pid', 'pid_for_children', 'cgroup', 'user'];

/**
 * Whether the container process's namespace of this kind is the host's or its own; after
 * unshare(CLONE_NEWPID) its pid_for_children cannot be read until its PID 1 exists (namespaces(7)).
 */
function whose(pid: number, ns: string): 'host' | 'own' | 'unreadable' {
  try {
    return nsLink(pid, ns) === nsLink('self', ns) ? 'host' : 'own';
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'unreadable';
    throw e;
  }
}

/** A session's own paths, whatever its id. */
const anySession = (text: string): string => text.replace(/session-[^/\s]+/g, 'session-*');

/** A mount line's mount point, fs type and propagation (shared, slave or private), ids left out. */
function mountShape(line: string): string {
  const f = line.split(' ');
  const dash = f.indexOf('-');
  const opt = f.slice(6, dash);
  const propagation = opt.some((o) => o.startsWith('shared:')) ? 'shared' : opt.some((o) => o.startsWith('master:')) ? 'slave' : 'private';
  return anySession(`${f[4]} ${f[dash + 1]} ${propagation}`);
}

/** The host's processes whose parent is `pid`, by name. */
function childrenOf(pid: number): string[] {
  const out: string[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const status = readFileSync(`/proc/${name}/status`, 'utf8');
      if (new RegExp(`^PPid:\\s+${pid}$`, 'm').test(status)) out.push(/^Name:\s+(.*)$/m.exec(status)![1]);
    } catch {
      // gone
    }
  }
  return out.sort();
}

/**
 * What the kernel says about the container process, read by the test itself: which namespaces
 * are its own, its hostname (through nsenter), its mount table as shapes, its children, its cgroups.
 */
async function kernelState(live: LiveLesson) {
  const pid = (await live.helper.pids()).builder;
  const host = new Set(mountinfo('self').map(mountShape));
  const mounts = mountinfo(pid).map(mountShape);
  return {
    pid,
    state: {
      namespaces: Object.fromEntries(NAMESPACES.map((ns) => [ns, whose(pid, ns)])),
      hostname: inNamespaces(pid, ['--uts'], ['hostname']).trim(),
      mounts: mounts.slice().sort(),
      notOnHost: mounts.filter((m) => !host.has(m)).sort(),
      children: childrenOf(pid),
      cgroup: anySession(readFileSync(`/proc/${pid}/cgroup`, 'utf8')),
    },
  };
}

async function pressRight(live: LiveLesson, times: number): Promise<void> {
  await live.session.reset();
  expect(live.session.getState().cursor).toBe(0);
  for (let i = 0; i < times; i++) await live.session.next();
  expect(live.session.getState().cursor).toBe(times);
}

describeAsRoot('going to a step (g N)', () => {
  const activities: string[] = [];
  const live = useLiveLesson('namespaces', {
    onEvent: (e: SessionEvent) => {
      if (e.type === 'activity' && e.text !== null) activities.push(e.text);
    },
  });

  it('jump(6) from the start leaves the kernel as → pressed six times does', async () => {
    expect(live.lesson.steps.slice(0, 6).map((s) => s.action.name)).toEqual(['unshare', 'sethostname', 'unshare', 'make-mounts-private', 'mount-tmpfs', 'unshare']);
    const start = await kernelState(live);
    await live.session.jump(6);
    const s = live.session.getState();
    expect(s.cursor).toBe(6);
    expect(s.steps.slice(0, 6).map((r) => r.status)).toEqual(Array(6).fill('done'));
    expect(s.steps[6].status).toBe('pending');
    expect(s.busy).toBe(false);
    expect(s.activity).toBeNull();
    expect(activities).toContain('going to step 6: running steps 1–6');
    const jumped = await kernelState(live);

    await pressRight(live, 6);
    const pressed = await kernelState(live);
    expect(jumped.state).toEqual(pressed.state);

    // and that state is the six steps' work, not the start's
    expect(pressed.state).not.toEqual(start.state);
    // (a new PID namespace with no PID 1 yet: its link reads ENOENT, the host's would not)
    expect(pressed.state.namespaces).toMatchObject({ uts: 'own', mnt: 'own', pid_for_children: 'unreadable', net: 'host', user: 'host' });
    expect(pressed.state.hostname).toBe('container-lab');
    expect(pressed.state.mounts.every((m) => m.endsWith(' private'))).toBe(true);
    expect(pressed.state.notOnHost.some((m) => / tmpfs private$/.test(m))).toBe(true);
  });

  it('jump(2) back from step 6 rebuilds: the state → pressed twice from a fresh start gives', async () => {
    expect(live.session.getState().cursor).toBe(6);
    const before = await kernelState(live);
    activities.length = 0;
    await live.session.jump(2);
    expect(live.session.getState().cursor).toBe(2);
    expect(live.session.getState().steps.slice(2).every((r) => r.status === 'pending')).toBe(true);
    expect(activities).toContain('going to step 2: rebuilding steps 1–2 from the start');
    const back = await kernelState(live);
    // rebuilt for real: a new container process, the old one gone
    expect(back.pid).not.toBe(before.pid);
    expect(await until(() => !isAlive(before.pid), 2000)).toBe(true);

    await pressRight(live, 2);
    const pressed = await kernelState(live);
    expect(back.state).toEqual(pressed.state);
    expect(pressed.state.namespaces).toMatchObject({ uts: 'own', mnt: 'host', pid_for_children: 'host' });
    expect(pressed.state.hostname).toBe('container-lab');
    expect(pressed.state.notOnHost).toEqual([]);
  });
});
