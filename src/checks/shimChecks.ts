// Checks for the shim lesson, each reading /proc or asking docker/ctr itself: who is the container's parent, where its stdio goes, what survives containerd.
import { z } from 'zod';
import { defineCheck, pass, fail } from '../steps/define.js';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import type { LabContext } from '../steps/context.js';
import { readProcStat } from '../observe/procStat.js';
import { ask, ctrArgv, dockerArgv } from './chainChecks.js';

interface Proc {
  pid: number;
  ppid: number;
  comm: string;
  state: string;
  cmdline: string;
}

function proc(pid: number): Proc | null {
  try {
    const stat = readProcStat('/', pid);
    if (!stat) return null;
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0+$/, '').replace(/\0/g, ' ');
    return { pid, ppid: stat.ppid, comm: stat.comm, state: stat.state, cmdline };
  } catch {
    return null;
  }
}

function live(pid: number): Proc | null {
  const p = proc(pid);
  return p && p.state !== 'Z' && p.state !== 'X' ? p : null;
}

function allProcs(): Proc[] {
  return readdirSync('/proc')
    .filter((n) => /^\d+$/.test(n))
    .map((n) => live(Number(n)))
    .filter((p): p is Proc => p !== null && p.pid !== process.pid);
}

function namesDir(ctx: LabContext, p: Proc): boolean {
  return p.cmdline.includes(ctx.session.dir + '/');
}

/** The lesson's docker container: the one the lesson started, else the one carrying the session's label. */
function dockerId(ctx: LabContext): string {
  const id = ctx.chain?.container?.id;
  if (id) return id;
  const ids = ask(ctx, dockerArgv(ctx, ['ps', '-a', '-q', '--no-trunc', '--filter', `label=container-lab=${ctx.session.id}`])).split('\n').filter(Boolean);
  if (ids.length === 0) throw new Error('docker ps lists no container of this lesson');
  return ids[0];
}

/** The host PID of the container's first process: from docker inspect, or from ctr's task list for a ctr container. */
function containerPid(ctx: LabContext, p: { id?: string; namespace: string }): { pid: number; what: string } {
  if (p.id) {
    const line = ask(ctx, ctrArgv(ctx, p.namespace, ['tasks', 'ls'])).split('\n').find((l) => l.startsWith(p.id + ' '));
    const pid = Number(line?.trim().split(/\s+/)[1]);
    if (!(pid > 0)) throw new Error(`ctr -n ${p.namespace} tasks ls has no task ${p.id}`);
    return { pid, what: `task ${p.id}` };
  }
  const id = dockerId(ctx);
  const pid = Number(ask(ctx, dockerArgv(ctx, ['inspect', '--format', '{{.State.Pid}}', id])).trim());
  if (!(pid > 0)) throw new Error(`docker inspect: container ${short(id)} has no process`);
  return { pid, what: `container ${short(id)}` };
}

/** docker's 64-hex ids cut to 12, as docker ps shows them; other ids whole. */
function short(id: string): string {
  return /^[0-9a-f]{64}$/.test(id) ? id.slice(0, 12) : id;
}

function nsPid(pid: number): string {
  return /^NSpid:\s+(.*)$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1].trim().split(/\s+/).pop() ?? '?';
}

export const shimIsParent = defineCheck({
  name: 'shim-is-parent',
  params: z.strictObject({ id: z.string().min(1).optional(), namespace: z.string().default('default') }),
  doc: 'the container\'s first process has a containerd shim of the lab as its parent (PPid, the parent\'s comm); `id`: a ctr task',
  reads: [],
  run: (ctx, p) => {
    const { pid, what } = containerPid(ctx, p);
    const me = live(pid);
    if (!me) return fail(`${what}: PID ${pid} is not running`);
    const parent = live(me.ppid);
    if (!parent) return fail(`PID ${pid}'s parent ${me.ppid} is gone`);
    if (!parent.comm.startsWith('containerd-shim')) return fail(`PID ${pid}'s parent is ${parent.pid} ${parent.comm}, not a containerd shim`);
    if (!namesDir(ctx, parent)) return fail(`PID ${pid}'s parent shim ${parent.pid} is not the lab's: ${parent.cmdline}`);
    const args = /-namespace (\S+) -id (\S+)/.exec(parent.cmdline);
    return pass(`${what}: PID ${pid} (PID ${nsPid(pid)} inside), PPid ${parent.pid} = ${parent.comm}${args ? ` -namespace ${args[1]} -id ${short(args[2])}` : ''}`);
  },
});

/** runc creates and starts the container, then exits: no `runc` (nor a leftover `runc:[…]` init) of the lab stays. */
export const noRuncLeft = defineCheck({
  name: 'no-runc-left',
  params: z.strictObject({}),
  doc: 'no runc process of the lab is left once the container runs',
  reads: [],
  run: (ctx) => {
    const procs = allProcs();
    const lab = new Set(procs.filter((p) => namesDir(ctx, p)).map((p) => p.pid));
    const runc = procs.filter((p) => (p.comm === 'runc' && lab.has(p.pid)) || (p.comm.startsWith('runc:[') && lab.has(p.ppid)));
    if (runc.length > 0) return fail(`still running: ${runc.map((p) => `${p.pid} ${p.comm}`).join(', ')}`);
    const shims = procs.filter((p) => lab.has(p.pid) && p.comm.startsWith('containerd-shim'));
    return pass(`no runc process of the lab in /proc; ${shims.length} shim(s): ${shims.map((s) => s.pid).join(', ')}`);
  },
});

function fdLink(pid: number, fd: number | string): { target: string; mode: number } | null {
  try {
    const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
    const flags = parseInt(/^flags:\s+([0-7]+)$/m.exec(readFileSync(`/proc/${pid}/fdinfo/${fd}`, 'utf8'))![1], 8);
    return { target, mode: flags & 0o3 };
  } catch {
    return null;
  }
}

/** Each of the container's fds is a pipe whose other end (same pipe inode, the other access mode) the parent shim holds. */
export const stdioThroughShim = defineCheck({
  name: 'stdio-through-shim',
  params: z.strictObject({ fds: z.array(z.number().int().min(0).max(2)).min(1).default([0, 1, 2]) }),
  doc: 'the docker container\'s fds are pipes whose other ends its parent shim holds',
  reads: [],
  run: (ctx, { fds }) => {
    const { pid } = containerPid(ctx, { namespace: 'moby' });
    const me = live(pid);
    if (!me) return fail(`PID ${pid} is not running`);
    const shim = live(me.ppid);
    if (!shim?.comm.startsWith('containerd-shim')) return fail(`PID ${pid}'s parent ${me.ppid} is not a shim`);
    const shimFds = readdirSync(`/proc/${shim.pid}/fd`).map((fd) => ({ fd, link: fdLink(shim.pid, fd) }));
    const found: string[] = [];
    for (const fd of fds) {
      const mine = fdLink(pid, fd);
      if (!mine) return fail(`PID ${pid} has no fd ${fd}`);
      if (!/^pipe:\[\d+\]$/.test(mine.target)) return fail(`fd ${fd} of PID ${pid} is ${mine.target}, not a pipe`);
      if (mine.mode === 2) return fail(`fd ${fd} is open read-write`);
      const peer = shimFds.find((s) => s.link?.target === mine.target && s.link.mode !== mine.mode && s.link.mode !== 2);
      if (!peer) return fail(`shim ${shim.pid} holds no ${mine.mode === 0 ? 'write' : 'read'} end of fd ${fd}'s ${mine.target}`);
      found.push(`fd ${fd} ${mine.target} ${mine.mode === 0 ? '← shim fd ' : '→ shim fd '}${peer.fd}`);
    }
    return pass(`PID ${pid}, shim ${shim.pid}: ${found.join('; ')}`);
  },
});

export const containerAlive = defineCheck({
  name: 'container-alive',
  params: z.strictObject({ id: z.string().min(1).optional(), namespace: z.string().default('default') }),
  doc: 'the container\'s first process runs (its PID from docker inspect, or ctr\'s task list for `id`)',
  reads: [],
  run: (ctx, p) => {
    const { pid, what } = containerPid(ctx, p);
    const me = live(pid);
    if (!me) return fail(`${what}: PID ${pid} is not running`);
    const parent = proc(me.ppid);
    return pass(`${what}: PID ${pid} ${me.comm} (state ${me.state}, PID ${nsPid(pid)} inside), parent ${me.ppid} ${parent?.comm ?? '?'}`);
  },
});

/** The first process the lesson's container had is gone (exited and reaped by its shim). */
export const containerGone = defineCheck({
  name: 'container-gone',
  params: z.strictObject({}),
  doc: 'the first process of the lesson\'s docker container is gone from /proc',
  reads: [],
  run: (ctx) => {
    const pid = ctx.chain?.container?.pid;
    if (!pid) return fail('the lesson started no container');
    const p = proc(pid);
    if (p && p.state !== 'Z' && p.state !== 'X') return fail(`PID ${pid} still runs: ${p.comm}, state ${p.state}`);
    return pass(p ? `PID ${pid} is a zombie, waiting for its parent` : `PID ${pid} is gone from /proc`);
  },
});

export const containerdStopped = defineCheck({
  name: 'containerd-stopped',
  params: z.strictObject({}),
  doc: 'no containerd process of the lab in /proc',
  reads: [],
  run: (ctx) => {
    const procs = allProcs().filter((p) => namesDir(ctx, p));
    const containerd = procs.filter((p) => p.comm === 'containerd');
    if (containerd.length > 0) return fail(`containerd still runs: pid ${containerd.map((p) => p.pid).join(', ')}`);
    const shims = procs.filter((p) => p.comm.startsWith('containerd-shim')).map((p) => p.pid);
    const dockerd = procs.find((p) => p.comm === 'dockerd');
    return pass(`no containerd process names ${ctx.session.dir}; shim(s) ${shims.join(', ') || 'none'}${dockerd ? `, dockerd ${dockerd.pid}` : ''} still run`);
  },
});

/** Once its container is deleted, the shim has nothing left to do and exits: no live shim of the lab remains. */
export const shimGone = defineCheck({
  name: 'shim-gone',
  params: z.strictObject({}),
  doc: 'no containerd shim of the lab runs any more (after its container was deleted)',
  reads: [],
  run: (ctx) => {
    const shims = allProcs().filter((p) => namesDir(ctx, p) && p.comm.startsWith('containerd-shim'));
    if (shims.length > 0) return fail(`shim(s) still running: ${shims.map((p) => `${p.pid} ${p.cmdline.slice(0, 80)}`).join('; ')}`);
    return pass('no containerd-shim of the lab in /proc');
  },
});

/** ctr (run by the check) lists the task RUNNING, with a PID that is alive in /proc. */
export const taskListed = defineCheck({
  name: 'task-listed',
  params: z.strictObject({ namespace: z.string().default('moby'), id: z.string().min(1).optional() }),
  doc: '`ctr tasks ls` (run by the check) lists the task RUNNING; without `id`, the lesson\'s docker container',
  reads: [],
  run: (ctx, p) => {
    const id = p.id ?? dockerId(ctx);
    const out = ask(ctx, ctrArgv(ctx, p.namespace, ['tasks', 'ls']));
    const line = out.split('\n').find((l) => l.startsWith(id + ' '));
    if (!line) return fail(`ctr -n ${p.namespace} tasks ls has no ${short(id)}: ${out.trim().replace(/\s+/g, ' ')}`);
    const [, pid, status] = line.trim().split(/\s+/);
    if (status !== 'RUNNING') return fail(`task ${short(id)} is ${status}`);
    if (!live(Number(pid))) return fail(`task ${short(id)}'s PID ${pid} is not in /proc`);
    return pass(`ctr -n ${p.namespace} tasks ls: ${short(id)} PID ${pid} RUNNING`);
  },
});

export const exitStatusIs = defineCheck({
  name: 'exit-status-is',
  params: z.strictObject({ code: z.number().int().min(0).max(255) }),
  doc: 'docker inspect: State.Status exited with this State.ExitCode',
  reads: [],
  run: (ctx, { code }) => {
    const id = dockerId(ctx);
    const [status, exit] = ask(ctx, dockerArgv(ctx, ['inspect', '--format', '{{.State.Status}} {{.State.ExitCode}}', id])).trim().split(' ');
    if (status !== 'exited') return fail(`docker inspect: container ${short(id)} is ${status}`);
    if (Number(exit) !== code) return fail(`docker inspect: ExitCode ${exit}, not ${code}`);
    return pass(`docker inspect ${short(id)}: State.Status exited, State.ExitCode ${exit}`);
  },
});
