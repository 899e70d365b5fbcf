// Checks for the runc-alone lesson: each runs `runc state` itself and reads /proc, never the app's state.
import { z } from 'zod';
import { defineCheck, pass, fail } from '../steps/define.js';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { LabContext } from '../steps/context.js';
import { whichProgram } from '../../native/findProgram.js';
import { runcLayout, type RuncLayout } from '../chain/runcLayout.js';
import { parseRuncState, saysNotExist, type RuncState } from '../chain/runcState.js';
import { resolveInRoot } from '../chain/pathInRoot.js';
import { cgroupMountPoints } from '../chain/daemonCleanup.js';
import { procComm, procState, readOrNull } from '../observe/procState.js';

function layout(ctx: LabContext): RuncLayout {
  return runcLayout(ctx.session.dir, ctx.session.id);
}

/** `runc --root <lab> state <id>`, run by the check: the state, or null with runc's words. */
function askRunc(l: RuncLayout): { state: RuncState | null; stderr: string } {
  const runc = whichProgram('runc');
  if (!runc) throw new Error('runc is not installed');
  const r = spawnSync(runc, ['--root', l.root, 'state', l.id], { encoding: 'utf8', timeout: 10_000 });
  if (r.status === 0) return { state: parseRuncState(r.stdout), stderr: '' };
  return { state: null, stderr: (r.stderr || r.error?.message || '').trim() };
}

const read = readOrNull;
const comm = procComm;

function devIno(path: string): string | null {
  try {
    const st = statSync(path);
    return `${st.dev}:${st.ino}`;
  } catch {
    return null;
  }
}

function bundleConfig(l: RuncLayout, bundle = l.bundle): any {
  return JSON.parse(readFileSync(join(bundle, 'config.json'), 'utf8'));
}

function rootOf(bundle: string, config: any): string {
  const path = String(config.root?.path ?? '');
  return isAbsolute(path) ? path : join(bundle, path);
}

/** Does the process hold the container's exec.fifo open (runc create's init waits on it)? */
function holdsFifo(pid: number, fifo: string): boolean {
  try {
    return readdirSync(`/proc/${pid}/fd`).some((fd) => {
      try {
        return readlinkSync(`/proc/${pid}/fd/${fd}`) === fifo;
      } catch {
        return false;
      }
    });
  } catch {
    return false;
  }
}

function createdDetail(l: RuncLayout, pid: number): { ok: boolean; detail: string } {
  const state = procState(pid);
  if (state === null || state === 'Z') return { ok: false, detail: `runc says created, but PID ${pid} is ${state === 'Z' ? 'a zombie' : 'gone'}` };
  if (comm(pid) !== 'runc:[2:INIT]') return { ok: false, detail: `PID ${pid} is ${comm(pid)}, not runc:[2:INIT]: it has exec'd already` };
  const fifo = join(l.root, l.id, 'exec.fifo');
  if (!holdsFifo(pid, fifo)) return { ok: false, detail: `PID ${pid} runc:[2:INIT] does not hold ${fifo}` };
  return { ok: true, detail: `created: PID ${pid} is runc:[2:INIT], waiting on ${fifo}` };
}

function runningDetail(l: RuncLayout, s: RuncState): { ok: boolean; detail: string } {
  const pid = s.pid;
  const state = procState(pid);
  if (state === null || state === 'Z') return { ok: false, detail: `runc says running, but PID ${pid} is ${state === 'Z' ? 'a zombie' : 'gone'}` };
  if (comm(pid).startsWith('runc:[')) return { ok: false, detail: `PID ${pid} is still ${comm(pid)}: it has not exec'd` };
  const config = bundleConfig(l, s.bundle || l.bundle);
  const program = String(config.process?.args?.[0] ?? '');
  const inRoot = resolveInRoot(rootOf(s.bundle || l.bundle, config), program);
  const exe = devIno(`/proc/${pid}/exe`);
  const runc = whichProgram('runc');
  if (runc && exe === devIno(runc)) return { ok: false, detail: `PID ${pid}'s exe is runc` };
  if (!inRoot || exe !== devIno(inRoot)) return { ok: false, detail: `PID ${pid}'s exe is not ${program} of the bundle's rootfs` };
  const cmdline = read(`/proc/${pid}/cmdline`)?.split('\0').filter(Boolean).join(' ') ?? '?';
  return { ok: true, detail: `running: PID ${pid} exec'd ${program} (${cmdline}); its exe is ${inRoot.slice(inRoot.lastIndexOf('/rootfs') + 1)}` };
}

export const runcStateIs = defineCheck({
  name: 'runc-state-is',
  params: z.strictObject({ status: z.enum(['created', 'running', 'stopped']) }),
  doc: '`runc state` (run by the check) says this status, and /proc agrees: runc:[2:INIT] waiting, the program exec\'d, or gone',
  reads: [],
  run: (ctx, { status }) => {
    const l = layout(ctx);
    const { state: s, stderr } = askRunc(l);
    if (!s) return fail(`runc state ${l.id}: ${stderr || 'failed'}`);
    if (s.status !== status) return fail(`runc state says ${s.status}, not ${status}`);
    if (status === 'created') return createdDetail(l, s.pid);
    if (status === 'running') return runningDetail(l, s);
    // stopped: runc reports pid 0; the init it started is named in the pid file runc wrote
    const pid = Number(read(l.pidFile)?.trim());
    const state = pid > 0 ? procState(pid) : null;
    if (state !== null && state !== 'Z') return fail(`runc says stopped, but PID ${pid} is alive (${state})`);
    return pass(`stopped: PID ${pid} is ${state === 'Z' ? 'a zombie' : 'gone'}`);
  },
});

export const runcGone = defineCheck({
  name: 'runc-gone',
  params: z.strictObject({}),
  doc: '`runc state` says the container does not exist; its state dir and cgroup are gone',
  reads: [],
  run: (ctx) => {
    const l = layout(ctx);
    const { state: s, stderr } = askRunc(l);
    if (s) return fail(`runc state still knows ${l.id}: ${s.status}`);
    if (!saysNotExist(stderr)) return fail(`runc state failed otherwise: ${stderr}`);
    const dir = join(l.root, l.id);
    if (existsSync(dir)) return fail(`${dir} is still there`);
    const cgroups = cgroupMountPoints().map((h) => join(h, l.cgroupsPath)).filter((d) => existsSync(d));
    if (cgroups.length > 0) return fail(`the container's cgroup is still there: ${cgroups[0]}`);
    return pass(`runc state: "${stderr.replace(/^.*msg="([^"]*)".*$/s, '$1')}"; ${dir} and ${l.cgroupsPath} removed`);
  },
});

export const runcParent = defineCheck({
  name: 'runc-parent',
  params: z.strictObject({}),
  doc: 'the container\'s init\'s parent (PPid in /proc) is no runc process: runc has exited',
  reads: [],
  run: (ctx) => {
    const l = layout(ctx);
    const { state: s, stderr } = askRunc(l);
    if (!s) return fail(`runc state ${l.id}: ${stderr || 'failed'}`);
    if (!s.pid) return fail(`runc state says ${s.status}, with no PID`);
    const status = read(`/proc/${s.pid}/status`);
    const ppid = Number(/^PPid:\s+(\d+)/m.exec(status ?? '')?.[1]);
    if (!status || !(ppid >= 0)) return fail(`no /proc/${s.pid}/status`);
    const parentComm = comm(ppid);
    const parentCmd = read(`/proc/${ppid}/cmdline`)?.replace(/\0/g, ' ') ?? '';
    if (parentComm === 'runc' || parentComm.startsWith('runc:[') || parentCmd.includes(l.root)) {
      return fail(`the parent of PID ${s.pid} is PID ${ppid} ${parentComm}: runc is still there`);
    }
    const runcLeft = readdirSync('/proc').filter((n) => /^\d+$/.test(n) && (read(`/proc/${n}/cmdline`) ?? '').includes(l.root));
    if (runcLeft.length > 0) return fail(`a runc process still runs: PID ${runcLeft.join(', ')}`);
    return pass(`PID ${s.pid}'s parent is PID ${ppid} ${parentComm}, not runc: runc has exited`);
  },
});

export const bundleValid = defineCheck({
  name: 'bundle-valid',
  params: z.strictObject({ args: z.array(z.string().min(1)).min(1) }),
  doc: 'the bundle\'s config.json parses, its root has /bin/sh, process.args are these',
  reads: [],
  run: (ctx, { args }) => {
    const l = layout(ctx);
    let config: any;
    try {
      config = bundleConfig(l);
    } catch (error) {
      return fail(`${l.config}: ${(error as Error).message}`);
    }
    const root = rootOf(l.bundle, config);
    if (!resolveInRoot(root, '/bin/sh')) return fail(`${root} has no /bin/sh`);
    const got = config.process?.args;
    if (JSON.stringify(got) !== JSON.stringify(args)) return fail(`process.args is ${JSON.stringify(got)}, not ${JSON.stringify(args)}`);
    if (!resolveInRoot(root, args[0])) return fail(`${args[0]} is not in ${root}`);
    if (config.process?.terminal !== false) return fail('process.terminal is not false: runc would want a console socket');
    if (!String(config.linux?.cgroupsPath ?? '').startsWith('/container-lab-')) return fail(`linux.cgroupsPath ${config.linux?.cgroupsPath} is not a lab cgroup`);
    const ns = (config.linux?.namespaces ?? []).map((n: { type: string }) => n.type).join(',');
    return pass(`config.json: root ${config.root.path} has /bin/sh, args ${JSON.stringify(args)}, namespaces ${ns}`);
  },
});
