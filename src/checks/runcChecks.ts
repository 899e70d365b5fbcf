// Checks for the runc-alone lesson: each runs `runc state` itself and reads /proc, never the app's state.
import * as z from 'zod';
import { defineCheck, pass, fail } from '../steps/define.js';
import { isAbsolute, join } from 'node:path';
import { isLabCgroupsPath } from '../chain/cgroupDriver.js';
import type { Sys } from '../sys/types.js';
import { whichProgram } from '../../native/findProgram.js';
import type { RuncLayout } from '../chain/runcLayout.js';
import { saysNotExist, type RuncState } from '../chain/runcState.js';
import { resolveInRoot } from '../chain/pathInRoot.js';
import { readFreezer } from '../chain/freezer.js';
import { askRunc, cgroupHierarchies, cmdlineOf, commOf, layoutOf, ppidOf, readProc, stateLetter } from '../actions/runcUtil.js';

/** The file a path ends at, links followed (/proc/<pid>/exe: the program the process runs). */
function devIno(sys: Sys, path: string): string | null {
  try {
    const st = sys.stat(path);
    return `${st.dev}:${st.ino}`;
  } catch {
    return null;
  }
}

function bundleConfig(sys: Sys, bundle: string): any {
  return JSON.parse(sys.readFile(join(bundle, 'config.json')));
}

function rootOf(bundle: string, config: any): string {
  const path = String(config.root?.path ?? '');
  return isAbsolute(path) ? path : join(bundle, path);
}

/** Does the process hold the container's exec.fifo open (runc create's init waits on it)? */
function holdsFifo(sys: Sys, pid: number, fifo: string): boolean {
  try {
    return sys.readdir(`/proc/${pid}/fd`).some((fd) => {
      try {
        return sys.readlink(`/proc/${pid}/fd/${fd}`) === fifo;
      } catch {
        return false;
      }
    });
  } catch {
    return false;
  }
}

function createdDetail(sys: Sys, l: RuncLayout, pid: number): { ok: boolean; detail: string } {
  const state = stateLetter(sys, pid);
  const comm = commOf(sys, pid);
  if (state === null || state === 'Z') return { ok: false, detail: `runc says created, but PID ${pid} is ${state === 'Z' ? 'a zombie' : 'gone'}` };
  if (comm !== 'runc:[2:INIT]') return { ok: false, detail: `PID ${pid} is ${comm}, not runc:[2:INIT]: it has exec'd already` };
  const fifo = join(l.root, l.id, 'exec.fifo');
  if (!holdsFifo(sys, pid, fifo)) return { ok: false, detail: `PID ${pid} runc:[2:INIT] does not hold ${fifo}` };
  return { ok: true, detail: `created: PID ${pid} is runc:[2:INIT], waiting on ${fifo}` };
}

function runningDetail(sys: Sys, l: RuncLayout, s: RuncState): { ok: boolean; detail: string } {
  const pid = s.pid;
  const state = stateLetter(sys, pid);
  const comm = commOf(sys, pid);
  if (state === null || state === 'Z') return { ok: false, detail: `runc says running, but PID ${pid} is ${state === 'Z' ? 'a zombie' : 'gone'}` };
  if (comm.startsWith('runc:[')) return { ok: false, detail: `PID ${pid} is still ${comm}: it has not exec'd` };
  const bundle = s.bundle || l.bundle;
  const config = bundleConfig(sys, bundle);
  const program = String(config.process?.args?.[0] ?? '');
  const inRoot = resolveInRoot(rootOf(bundle, config), program, sys);
  const exe = devIno(sys, `/proc/${pid}/exe`);
  const runc = whichProgram('runc');
  if (runc && exe === devIno(sys, runc)) return { ok: false, detail: `PID ${pid}'s exe is runc` };
  if (!inRoot || exe !== devIno(sys, inRoot)) return { ok: false, detail: `PID ${pid}'s exe is not ${program} of the bundle's rootfs` };
  return { ok: true, detail: `running: PID ${pid} exec'd ${program} (${cmdlineOf(sys, pid)}); its exe is ${inRoot.slice(inRoot.lastIndexOf('/rootfs') + 1)}` };
}

function pausedDetail(sys: Sys, pid: number): { ok: boolean; detail: string } {
  const state = stateLetter(sys, pid);
  if (state === null || state === 'Z') return { ok: false, detail: `runc says paused, but PID ${pid} is ${state === 'Z' ? 'a zombie' : 'gone'}` };
  const f = readFreezer(sys, pid);
  if (!f) return { ok: false, detail: `PID ${pid}'s cgroup has no freezer the lab can read` };
  if (!f.frozen) return { ok: false, detail: `runc says paused, but ${f.file} says ${f.value}` };
  return { ok: true, detail: `paused: ${f.file} says ${f.value}; PID ${pid} ${commOf(sys, pid)} is held by the kernel (state ${state})` };
}

export const runcStateIs = defineCheck({
  name: 'runc-state-is',
  params: z.strictObject({ status: z.enum(['created', 'running', 'paused', 'stopped']) }),
  doc: 'The check runs `runc --root <session>/runc state cl-<session>` itself and passes when runc reports this '
    + 'status and /proc agrees. created: the init is alive, its comm is runc:[2:INIT] and one of its fds is '
    + '<root>/<id>/exec.fifo. running: the init has exec\'d, and its /proc/<pid>/exe is the same file (dev and inode) '
    + 'as process.args[0] of the bundle\'s config.json, resolved inside the rootfs, and not runc. paused: the init is '
    + 'alive and its cgroup\'s freezer says frozen (v1 freezer.state FROZEN, v2 cgroup.events "frozen 1"), as '
    + 'runc pause leaves it. stopped: the PID '
    + 'runc wrote to the pid file is a zombie or gone (runc itself reports pid 0 then).',
  reads: [
    '`runc state` (run by the check)',
    '/proc/<pid>/stat state',
    '/proc/<pid>/comm',
    '/proc/<pid>/fd/* links',
    '/proc/<pid>/exe (stat: dev, inode)',
    '<bundle>/config.json process.args',
    '<session>/runc-init.pid',
    '/proc/<pid>/cgroup; freezer.state (cgroup v1) or cgroup.events (v2) of its cgroup',
  ],
  run: (ctx, { status }) => {
    const { sys } = ctx;
    const l = layoutOf(ctx);
    const { state: s, stderr } = askRunc(sys, l);
    if (!s) return fail(`runc state ${l.id}: ${stderr || 'failed'}`);
    if (s.status !== status) return fail(`runc state says ${s.status}, not ${status}`);
    if (status === 'created') return createdDetail(sys, l, s.pid);
    if (status === 'running') return runningDetail(sys, l, s);
    if (status === 'paused') return pausedDetail(sys, s.pid);
    // stopped: runc reports pid 0; the init it started is named in the pid file runc wrote
    const pid = Number(readProc(sys, l.pidFile)?.trim());
    const state = pid > 0 ? stateLetter(sys, pid) : null;
    if (state !== null && state !== 'Z') return fail(`runc says stopped, but PID ${pid} is alive (${state})`);
    return pass(`stopped: PID ${pid} is ${state === 'Z' ? 'a zombie' : 'gone'}`);
  },
});

export const runcGone = defineCheck({
  name: 'runc-gone',
  params: z.strictObject({}),
  doc: 'The container is gone as runc and the kernel see it: `runc state` (run by the check) fails saying the '
    + 'container does not exist, runc\'s state directory <session>/runc/cl-<session> is gone, and no cgroup '
    + 'hierarchy mounted on the host (from /proc/self/mountinfo, v1 named ones included) still has the '
    + 'container\'s cgroup directory (/<parent>/<id>; on a systemd v2 host the scope /<lab slice>/container-lab-<id>.scope).',
  reads: ['`runc state` (run by the check)', '<session>/runc/<id>', '/proc/self/mountinfo cgroup mounts', '<hierarchy>/<container cgroup>'],
  run: (ctx) => {
    const { sys } = ctx;
    const l = layoutOf(ctx);
    const { state: s, stderr } = askRunc(sys, l);
    if (s) return fail(`runc state still knows ${l.id}: ${s.status}`);
    if (!saysNotExist(stderr)) return fail(`runc state failed otherwise: ${stderr}`);
    const dir = join(l.root, l.id);
    if (sys.exists(dir)) return fail(`${dir} is still there`);
    const cgroups = cgroupHierarchies(sys).map((h) => join(h, l.cgroupDir)).filter((d) => sys.exists(d));
    if (cgroups.length > 0) return fail(`the container's cgroup is still there: ${cgroups[0]}`);
    return pass(`runc state: "${stderr.replace(/^.*msg="([^"]*)".*$/s, '$1')}"; ${dir} and ${l.cgroupDir} removed`);
  },
});

export const runcParent = defineCheck({
  name: 'runc-parent',
  params: z.strictObject({}),
  doc: 'runc has exited and left the container\'s init to someone else: the init (its PID from `runc state`, run '
    + 'by the check) has a parent (PPid in /proc/<pid>/status) whose comm is not runc or runc:[…] and whose '
    + 'command line does not name the lab\'s runc root, and no process on the host has that root in its command '
    + 'line. The parent is the host\'s init or the nearest child subreaper (prctl(2) PR_SET_CHILD_SUBREAPER).',
  reads: ['`runc state` (run by the check)', '/proc/<pid>/status PPid', '/proc/<ppid>/comm', '/proc/*/cmdline'],
  run: (ctx) => {
    const { sys } = ctx;
    const l = layoutOf(ctx);
    const { state: s, stderr } = askRunc(sys, l);
    if (!s) return fail(`runc state ${l.id}: ${stderr || 'failed'}`);
    if (!s.pid) return fail(`runc state says ${s.status}, with no PID`);
    const ppid = ppidOf(sys, s.pid);
    if (ppid === null) return fail(`no /proc/${s.pid}/status`);
    const parentComm = commOf(sys, ppid);
    const parentCmd = readProc(sys, `/proc/${ppid}/cmdline`)?.replace(/\0/g, ' ') ?? '';
    if (parentComm === 'runc' || parentComm.startsWith('runc:[') || parentCmd.includes(l.root)) {
      return fail(`the parent of PID ${s.pid} is PID ${ppid} ${parentComm}: runc is still there`);
    }
    const runcLeft = sys.readdir('/proc').filter((n) => /^\d+$/.test(n) && (readProc(sys, `/proc/${n}/cmdline`) ?? '').includes(l.root));
    if (runcLeft.length > 0) return fail(`a runc process still runs: PID ${runcLeft.join(', ')}`);
    return pass(`PID ${s.pid}'s parent is PID ${ppid} ${parentComm}, not runc: runc has exited`);
  },
});

export const bundleValid = defineCheck({
  name: 'bundle-valid',
  params: z.strictObject({ args: z.array(z.string().min(1)).min(1) }),
  doc: 'The bundle is one runc can run as the lesson means: <session>/bundle/config.json parses, its root.path '
    + 'has /bin/sh and args[0] (symlinks resolved inside the root, as the container will see them), process.args '
    + 'are exactly these args, process.terminal is false (runc would otherwise want a console socket) and '
    + 'linux.cgroupsPath is under a /container-lab- cgroup (on a systemd v2 host: in the lab\'s slice, <slice>:container-lab:<id>).',
  reads: ['<bundle>/config.json', '<bundle>/rootfs (lstat, readlink)'],
  run: (ctx, { args }) => {
    const { sys } = ctx;
    const l = layoutOf(ctx);
    let config: any;
    try {
      config = bundleConfig(sys, l.bundle);
    } catch (error) {
      return fail(`${l.config}: ${(error as Error).message}`);
    }
    const root = rootOf(l.bundle, config);
    if (!resolveInRoot(root, '/bin/sh', sys)) return fail(`${root} has no /bin/sh`);
    const got = config.process?.args;
    if (JSON.stringify(got) !== JSON.stringify(args)) return fail(`process.args is ${JSON.stringify(got)}, not ${JSON.stringify(args)}`);
    if (!resolveInRoot(root, args[0], sys)) return fail(`${args[0]} is not in ${root}`);
    if (config.process?.terminal !== false) return fail('process.terminal is not false: runc would want a console socket');
    if (!isLabCgroupsPath(String(config.linux?.cgroupsPath ?? ''))) return fail(`linux.cgroupsPath ${config.linux?.cgroupsPath} is not a lab cgroup`);
    const ns = (config.linux?.namespaces ?? []).map((n: { type: string }) => n.type).join(',');
    return pass(`config.json: root ${config.root.path} has /bin/sh, args ${JSON.stringify(args)}, namespaces ${ns}`);
  },
});
