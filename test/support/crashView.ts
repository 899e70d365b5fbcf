// What a crashed lab session left, as the tests see it: its dir, cgroup dirs in every hierarchy, processes, mounts; and lab-leaks.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { isAlive } from './kernelView.js';

export const STATE_ROOT = '/run/container-lab';
/** ../shared/tools/lab-leaks from the main checkout: the project's own independent leak finder. */
export const LAB_LEAKS = process.env.CONTAINER_LAB_LEAKS ?? '/work/shared/tools/lab-leaks';

export function sessionDirs(): string[] {
  try {
    return readdirSync(STATE_ROOT).filter((n) => n.startsWith('session-')).map((n) => join(STATE_ROOT, n));
  } catch {
    return [];
  }
}

/** The session dir a helper owns (its `owner` file names the helper's PID). */
export function sessionOfHelper(helperPid: number): string | null {
  for (const dir of sessionDirs()) {
    try {
      if (readFileSync(join(dir, 'owner'), 'utf8').split(' ')[0] === String(helperPid)) return dir;
    } catch {
      // being removed
    }
  }
  return null;
}

/** The id in cgroup names: the dir's suffix, lowercased, anything else an x (stateDir.ts's rule, restated). */
export function cgroupIdOf(sessionDir: string): string {
  return sessionDir.slice(sessionDir.lastIndexOf('/session-') + '/session-'.length).toLowerCase().replace(/[^a-z0-9]/g, 'x');
}

function cgroupMounts(): string[] {
  return readFileSync('/proc/self/mountinfo', 'utf8').split('\n').filter((l) => / - cgroup2? /.test(l)).map((l) => l.split(' ')[4]);
}

/** Directories named container-lab-<id>* anywhere in the first levels of every cgroup hierarchy, named ones included. */
export function sessionCgroupDirs(id: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, depth: number) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (!e.isDirectory()) continue;
      if (e.name.startsWith(`container-lab-${id}`)) out.push(join(dir, e.name));
      else if (depth > 1) walk(join(dir, e.name), depth - 1);
    }
  };
  for (const m of cgroupMounts()) walk(m, 3);
  return out;
}

/**
 * Processes whose command line names the session dir or one of this checkout's programs
 * (`<root>/dist/…`: a builder's child that was still loading), or whose cgroups are the session's.
 */
function sessionProcesses(dir: string, id: string, ourRoot: string): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8');
      const cg = readFileSync(`/proc/${name}/cgroup`, 'utf8');
      if ((cmd.includes(dir) || cmd.includes(ourRoot + '/dist/') || cg.includes(`container-lab-${id}`)) && isAlive(Number(name))) out.push(Number(name));
    } catch {
      // gone
    }
  }
  return out;
}

function commandLine(pid: number): string {
  try {
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').slice(0, 120).trim();
    // an exiting process has no command line left: its name and state say what it was
    return cmd || readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').filter((l) => /^(Name|State|PPid):/.test(l)).join(' ').replace(/\s+/g, ' ');
  } catch {
    return '';
  }
}

/** Everything of one session the test can see itself, without lab-leaks: empty means clean. */
export function sessionLeftovers(dir: string, pids: number[], ourRoot: string): string[] {
  const id = cgroupIdOf(dir);
  const mounts = readFileSync('/proc/self/mountinfo', 'utf8').split('\n').filter((l) => l.includes(dir) || l.includes(`container-lab-${id}`));
  return [
    ...(existsSync(dir) ? [`session dir ${dir}`] : []),
    ...sessionCgroupDirs(id).map((d) => `cgroup ${d}`),
    ...[...new Set([...pids.filter(isAlive), ...sessionProcesses(dir, id, ourRoot)])].map((p) => `process ${p} ${commandLine(p)}`),
    ...mounts.map((m) => `mount ${m}`),
  ];
}

/**
 * lab-leaks' verdict on one session, on a host other checkouts of the lab share: its lines, less
 * those that name another checkout's files (`/work/wt/<other>/…`, `/tmp/container-lab-<other>`
 * test dirs) or another helper's session. Lines that name neither (a cl- link, a
 * mount) count as ours.
 */
export function labLeaks(ourRoot: string, ourDir: string): { ok: boolean; lines: string[]; output: string } {
  if (!existsSync(LAB_LEAKS)) return { ok: false, lines: [`no ${LAB_LEAKS}`], output: '' };
  const r = spawnSync(LAB_LEAKS, { encoding: 'utf8', timeout: 30_000 });
  const output = (r.stdout ?? '') + (r.stderr ?? '');
  const id = cgroupIdOf(ourDir);
  const otherSessions = sessionDirs().filter((d) => d !== ourDir);
  const foreign = (l: string) => {
    if (l.includes(ourDir) || l.includes(`container-lab-${id}`)) return false;
    if (otherSessions.some((d) => l.includes(d) || l.includes(`container-lab-${cgroupIdOf(d)}`))) return true;
    if (/\/dist\/src\/|\/tmp\/container-lab-|tmux -L container-lab-/.test(l) && !l.includes(ourRoot + '/')) return true;
    // a process that names neither this checkout nor one of the lab's process names: another checkout's tool run (cut at 160 characters)
    if (l.startsWith('leftover process') && !l.includes(ourRoot + '/') && !/container-lab-(init|sh|bridge|helper|builder|reaper)\b/.test(l)) return true;
    return false;
  };
  const lines = output.split('\n').filter((l) => (l.startsWith('leftover') || l.startsWith('note:')) && !foreign(l));
  return { ok: lines.length === 0, lines, output };
}

/** mulberry32: a small seeded generator, so a failing random step can be run again with its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}
