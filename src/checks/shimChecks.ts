// Checks for the shim lesson, each reading /proc or asking docker/ctr itself: who is the container's parent, where its stdio goes, what survives containerd.
import * as z from 'zod';
import { defineCheck, pass, fail } from '../steps/define.js';
import type { LabContext } from '../steps/context.js';
import { readProcStat } from '../observe/procStat.js';
import { ask, ctrArgv, dockerArgv } from './chainChecks.js';
import { chainIfMade } from '../actions/chainState.js';
import { liveProc, liveProcs, nsPid, readProc, type ChainProc } from '../chain/procRead.js';
import { openFd, openFds, otherEnds } from '../chain/fdLinks.js';
import { readFreezer } from '../chain/freezer.js';

export function namesDir(ctx: LabContext, p: ChainProc): boolean {
  return p.cmdline.includes(ctx.session.dir + '/');
}

/** The lesson's docker container: the one the lesson started, else the one carrying the session's label. */
export function dockerId(ctx: LabContext): string {
  const id = chainIfMade(ctx)?.container?.id;
  if (id) return id;
  const ids = ask(ctx, dockerArgv(ctx, ['ps', '-a', '-q', '--no-trunc', '--filter', `label=container-lab=${ctx.session.id}`])).split('\n').filter(Boolean);
  if (ids.length === 0) throw new Error('docker ps lists no container of this lesson');
  return ids[0];
}

/** The names of every container the lab's dockerd has, running or not (docker ps -a). */
function dockerNames(ctx: LabContext): string[] {
  return ask(ctx, dockerArgv(ctx, ['ps', '-a', '--format', '{{.Names}}'])).split('\n').map((n) => n.trim()).filter(Boolean);
}

/** The host PID of the container's first process: from docker inspect, or from ctr's task list for a ctr container. */
export function containerPid(ctx: LabContext, p: { id?: string; namespace: string }): { pid: number; what: string } {
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
export function short(id: string): string {
  return /^[0-9a-f]{64}$/.test(id) ? id.slice(0, 12) : id;
}

export const shimIsParent = defineCheck({
  name: 'shim-is-parent',
  params: z.strictObject({ id: z.string().min(1).optional(), namespace: z.string().default('default') }),
  doc: 'The container\'s first process runs with a containerd shim of the lab as its parent: its PPid in '
    + '/proc/<pid>/stat is a live process whose comm starts with containerd-shim and whose command line names '
    + 'the session directory. The PID comes from `docker inspect` of the lesson\'s container, or, with `id`, from '
    + '`ctr tasks ls` in `namespace`.',
  reads: ['/proc/<pid>/stat PPid, comm', '/proc/<ppid>/cmdline', '/proc/<pid>/status NSpid', '`docker inspect` or `ctr tasks ls` (run by the check)'],
  run: (ctx, p) => {
    const { pid, what } = containerPid(ctx, p);
    const me = liveProc(ctx.sys, pid);
    if (!me) return fail(`${what}: PID ${pid} is not running`);
    const parent = liveProc(ctx.sys, me.ppid);
    if (!parent) return fail(`PID ${pid}'s parent ${me.ppid} is gone`);
    if (!parent.comm.startsWith('containerd-shim')) return fail(`PID ${pid}'s parent is ${parent.pid} ${parent.comm}, not a containerd shim`);
    if (!namesDir(ctx, parent)) return fail(`PID ${pid}'s parent shim ${parent.pid} is not the lab's: ${parent.cmdline}`);
    const args = /-namespace (\S+) -id (\S+)/.exec(parent.cmdline);
    return pass(`${what}: PID ${pid} (PID ${nsPid(ctx.sys, pid)} inside), PPid ${parent.pid} = ${parent.comm}${args ? ` -namespace ${args[1]} -id ${short(args[2])}` : ''}`);
  },
});

/** runc creates and starts the container, then exits: no `runc` (nor a leftover `runc:[…]` init) of the lab stays. */
export const noRuncLeft = defineCheck({
  name: 'no-runc-left',
  params: z.strictObject({}),
  doc: 'No runc of the lab is left in /proc: no `runc` whose command line names the session directory, nor a '
    + '`runc:[…]` init child of one. runc creates and starts the container and exits; the shim stays as the '
    + 'container\'s parent, and the detail lists the lab\'s shims.',
  reads: ['/proc/<pid>/stat comm, PPid and /proc/<pid>/cmdline of every process'],
  run: (ctx) => {
    const procs = liveProcs(ctx.sys);
    const lab = new Set(procs.filter((p) => namesDir(ctx, p)).map((p) => p.pid));
    const runc = procs.filter((p) => (p.comm === 'runc' && lab.has(p.pid)) || (p.comm.startsWith('runc:[') && lab.has(p.ppid)));
    if (runc.length > 0) return fail(`still running: ${runc.map((p) => `${p.pid} ${p.comm}`).join(', ')}`);
    const shims = procs.filter((p) => lab.has(p.pid) && p.comm.startsWith('containerd-shim'));
    return pass(`no runc process of the lab in /proc; ${shims.length} shim(s): ${shims.map((s) => s.pid).join(', ')}`);
  },
});

/** Each of the container's fds is a pipe whose other end (same pipe inode, the other access mode) the parent shim holds. */
export const stdioThroughShim = defineCheck({
  name: 'stdio-through-shim',
  params: z.strictObject({ fds: z.array(z.number().int().min(0).max(2)).min(1).default([0, 1, 2]) }),
  doc: 'Each of the listed fds of the docker container\'s first process is a pipe (/proc/<pid>/fd/<n> reads '
    + 'pipe:[inode]) and its parent shim holds the other end: an fd on the same pipe opened the other way, read '
    + 'against write, from the access mode in fdinfo\'s flags. So the container writes to, and reads from, its '
    + 'shim, not dockerd or a terminal.',
  reads: ['/proc/<pid>/fd/<n>, /proc/<pid>/fdinfo/<n> flags', '/proc/<shim>/fd, /proc/<shim>/fdinfo', '`docker inspect` (run by the check)'],
  run: (ctx, { fds }) => {
    const { pid } = containerPid(ctx, { namespace: 'moby' });
    const me = liveProc(ctx.sys, pid);
    if (!me) return fail(`PID ${pid} is not running`);
    const shim = liveProc(ctx.sys, me.ppid);
    if (!shim?.comm.startsWith('containerd-shim')) return fail(`PID ${pid}'s parent ${me.ppid} is not a shim`);
    const shimFds = openFds(ctx.sys, shim.pid);
    const found: string[] = [];
    for (const fd of fds) {
      const mine = openFd(ctx.sys, pid, fd);
      if (!mine) return fail(`PID ${pid} has no fd ${fd}`);
      if (!/^pipe:\[\d+\]$/.test(mine.target)) return fail(`fd ${fd} of PID ${pid} is ${mine.target}, not a pipe`);
      if (mine.mode === 'rw') return fail(`fd ${fd} is open read-write`);
      const peer = otherEnds([mine], shimFds)[0]?.b;
      if (!peer) return fail(`shim ${shim.pid} holds no ${mine.mode === 'r' ? 'write' : 'read'} end of fd ${fd}'s ${mine.target}`);
      found.push(`fd ${fd} ${mine.target} ${mine.mode === 'r' ? '← shim fd ' : '→ shim fd '}${peer.fd}`);
    }
    return pass(`PID ${pid}, shim ${shim.pid}: ${found.join('; ')}`);
  },
});

export const containerAlive = defineCheck({
  name: 'container-alive',
  params: z.strictObject({ id: z.string().min(1).optional(), namespace: z.string().default('default') }),
  doc: 'The container\'s first process runs: its PID, from `docker inspect` of the lesson\'s container or, with '
    + '`id`, from `ctr tasks ls` in `namespace`, is in /proc and neither a zombie nor dead. The detail gives its '
    + 'PID inside its own PID namespace (NSpid) and its parent.',
  reads: ['/proc/<pid>/stat state, PPid', '/proc/<pid>/status NSpid', '`docker inspect` or `ctr tasks ls` (run by the check)'],
  run: (ctx, p) => {
    const { pid, what } = containerPid(ctx, p);
    const me = liveProc(ctx.sys, pid);
    if (!me) return fail(`${what}: PID ${pid} is not running`);
    const parent = readProc(ctx.sys, me.ppid);
    return pass(`${what}: PID ${pid} ${me.comm} (state ${me.state}, PID ${nsPid(ctx.sys, pid)} inside), parent ${me.ppid} ${parent?.comm ?? '?'}`);
  },
});

/** The first process the lesson's container had is gone (exited and reaped by its shim). */
export const containerGone = defineCheck({
  name: 'container-gone',
  params: z.strictObject({}),
  doc: 'The first process of the lesson\'s docker container has ended: its PID (as the step that started the '
    + 'container recorded it) is gone from /proc, or is a zombie its parent has not yet reaped.',
  reads: ['/proc/<pid>/stat state'],
  run: (ctx) => {
    const pid = chainIfMade(ctx)?.container?.pid;
    if (!pid) return fail('the lesson started no container');
    const p = readProc(ctx.sys, pid);
    if (p && p.state !== 'Z' && p.state !== 'X') return fail(`PID ${pid} still runs: ${p.comm}, state ${p.state}`);
    return pass(p ? `PID ${pid} is a zombie, waiting for its parent` : `PID ${pid} is gone from /proc`);
  },
});

export const containerdStopped = defineCheck({
  name: 'containerd-stopped',
  params: z.strictObject({}),
  doc: 'No containerd of the lab runs: no process in /proc with comm containerd names the session directory. '
    + 'The detail lists the lab\'s shims and dockerd, which run on without it.',
  reads: ['/proc/<pid>/stat comm and /proc/<pid>/cmdline of every process'],
  run: (ctx) => {
    const procs = liveProcs(ctx.sys).filter((p) => namesDir(ctx, p));
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
  doc: 'No containerd shim of the lab runs any more: once its container is deleted, a shim has nothing left to '
    + 'serve and exits, so no process in /proc whose comm starts with containerd-shim names the session directory.',
  reads: ['/proc/<pid>/stat comm and /proc/<pid>/cmdline of every process'],
  run: (ctx) => {
    const shims = liveProcs(ctx.sys).filter((p) => namesDir(ctx, p) && p.comm.startsWith('containerd-shim'));
    if (shims.length > 0) return fail(`shim(s) still running: ${shims.map((p) => `${p.pid} ${p.cmdline.slice(0, 80)}`).join('; ')}`);
    return pass('no containerd-shim of the lab in /proc');
  },
});

/** What the kernel shows for a task in each status ctr can report: its process, its freezer, its shim. */
function taskInKernel(ctx: LabContext, id: string, pid: number, status: string): { ok: boolean; detail: string } {
  if (status === 'STOPPED') {
    const p = pid > 0 ? liveProc(ctx.sys, pid) : null;
    if (p) return { ok: false, detail: `ctr says STOPPED, but PID ${pid} runs: ${p.comm}` };
    const shim = liveProcs(ctx.sys).find((x) => namesDir(ctx, x) && x.comm.startsWith('containerd-shim') && new RegExp(`(^| )-id ${id}( |$)`).test(x.cmdline));
    if (!shim) return { ok: false, detail: `no shim of the lab serves ${short(id)} any more` };
    return { ok: true, detail: `its process is gone; its shim ${shim.pid} still runs, holding the exit status until the task is deleted` };
  }
  if (!liveProc(ctx.sys, pid)) return { ok: false, detail: `task ${short(id)}'s PID ${pid} is not in /proc` };
  if (status !== 'PAUSED') return { ok: true, detail: '' };
  const f = readFreezer(ctx.sys, pid);
  if (!f?.frozen) return { ok: false, detail: `ctr says PAUSED, but ${f ? `${f.file} says ${f.value}` : 'its cgroup has no freezer'}` };
  return { ok: true, detail: `; ${f.file}: ${f.value}` };
}

/** ctr (run by the check) lists the task in that status, and /proc agrees. */
export const taskListed = defineCheck({
  name: 'task-listed',
  params: z.strictObject({ namespace: z.string().default('moby'), id: z.string().min(1).optional(), status: z.enum(['RUNNING', 'PAUSED', 'STOPPED']).default('RUNNING') }),
  doc: 'containerd lists the task in `status`: `ctr tasks ls` in `namespace` has a line for `id` (without it, the '
    + 'lesson\'s docker container\'s id) with that status, and /proc agrees. RUNNING: the PID on that line runs. '
    + 'PAUSED: it runs and its cgroup\'s freezer says frozen (v1 freezer.state FROZEN, v2 cgroup.events "frozen 1"). '
    + 'STOPPED: the process is gone, and the lab\'s shim for that id (its command line has -id <id>) still runs: it '
    + 'keeps the exit status until the task is deleted.',
  reads: ['`ctr -n <namespace> tasks ls` (run by the check)', '/proc/<pid>/stat state', '/proc/<pid>/cgroup; freezer.state (v1) or cgroup.events (v2)', '/proc/<pid>/cmdline of the shims'],
  run: (ctx, p) => {
    const id = p.id ?? dockerId(ctx);
    const out = ask(ctx, ctrArgv(ctx, p.namespace, ['tasks', 'ls']));
    const line = out.split('\n').find((l) => l.startsWith(id + ' '));
    if (!line) return fail(`ctr -n ${p.namespace} tasks ls has no ${short(id)}: ${out.trim().replace(/\s+/g, ' ')}`);
    const [, pid, status] = line.trim().split(/\s+/);
    if (status !== p.status) return fail(`ctr -n ${p.namespace} tasks ls: task ${short(id)} is ${status}, not ${p.status}`);
    const kernel = taskInKernel(ctx, id, Number(pid), status);
    if (!kernel.ok) return fail(kernel.detail);
    const said = `ctr -n ${p.namespace} tasks ls: ${short(id)} PID ${pid} ${status}`;
    return pass(status === 'STOPPED' ? `${said}; ${kernel.detail}` : said + kernel.detail);
  },
});

export const exitStatusIs = defineCheck({
  name: 'exit-status-is',
  params: z.strictObject({ code: z.number().int().min(0).max(255), name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/).optional() }),
  doc: 'dockerd recorded the container\'s end: `docker inspect` of the lesson\'s container (with `name`, of the '
    + 'container of that name on the lab\'s dockerd) gives State.Status exited and State.ExitCode equal to `code`, '
    + 'the status its first process ended with.',
  reads: ['`docker inspect` State.Status, State.ExitCode (run by the check)'],
  run: (ctx, { code, name }) => {
    if (name && !dockerNames(ctx).includes(name)) return fail(`docker ps -a lists no container named ${name}`);
    const id = name ?? dockerId(ctx);
    const [status, exit] = ask(ctx, dockerArgv(ctx, ['inspect', '--format', '{{.State.Status}} {{.State.ExitCode}}', id])).trim().split(' ');
    if (status !== 'exited') return fail(`docker inspect: container ${short(id)} is ${status}`);
    if (Number(exit) !== code) return fail(`docker inspect: ExitCode ${exit}, not ${code}`);
    return pass(`docker inspect ${short(id)}: State.Status exited, State.ExitCode ${exit}`);
  },
});
