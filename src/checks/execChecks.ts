// docker exec against nsenter: a second process in a container's namespaces, and whether it also has the container's cgroup, capabilities and seccomp.
import * as z from 'zod';
import { defineCheck, pass, fail } from '../steps/define.js';
import type { Sys } from '../sys/types.js';
import { containerName, inspectContainer, runningPid } from './dockerInspect.js';
import { liveProcs, readProc } from '../chain/procRead.js';
import { readGuards } from '../chain/procGuards.js';
import { nsLink as ns } from './runcExec.js';

const NAMESPACES = ['pid', 'mnt', 'uts', 'ipc', 'net'] as const;

function cgroupText(sys: Sys, pid: number): string | null {
  try {
    return sys.readFile(`/proc/${pid}/cgroup`);
  } catch {
    return null;
  }
}

export const joinedAs = defineCheck({
  name: 'joined-as',
  params: z.strictObject({ name: containerName, cmdline: z.string().min(1).max(200), via: z.enum(['docker-exec', 'nsenter']) }),
  doc: 'A live process whose command line is `cmdline` shares the pid, mnt, uts, ipc and net namespaces of the '
    + 'container\'s first process (PID from `docker inspect`; the /proc/<pid>/ns links name the same inodes), and is '
    + 'compared with it in /proc: /proc/<pid>/cgroup line for line, CapEff and Seccomp in /proc/<pid>/status. '
    + 'via docker-exec: all three are the first process\'s and its parent is a containerd shim, as runc exec leaves '
    + 'it. via nsenter: its cgroup is not the container\'s and its Seccomp is 0, and its parent is nsenter: the '
    + 'namespaces alone.',
  reads: ['`docker inspect` State.Pid (run by the check)', '/proc/<pid>/ns/{pid,mnt,uts,ipc,net}', '/proc/<pid>/cgroup', '/proc/<pid>/status CapEff, Seccomp, NSpid', '/proc/<pid>/stat comm, PPid; /proc/<pid>/cmdline'],
  run: (ctx, { name, cmdline, via }) => {
    const { sys } = ctx;
    const init = runningPid(inspectContainer(ctx, name));
    if (typeof init === 'string') return fail(init);
    const want = NAMESPACES.map((n) => ns(sys, init, n));
    const candidates = liveProcs(sys).filter((p) => p.pid !== init && p.cmdline === cmdline && ns(sys, p.pid, 'pid') === want[0]);
    if (candidates.length === 0) return fail(`no process "${cmdline}" in the PID namespace of ${name} (${want[0]})`);
    const p = candidates[0];
    const other = NAMESPACES.find((n, i) => ns(sys, p.pid, n) !== want[i]);
    if (other) return fail(`PID ${p.pid} "${cmdline}" is in another ${other} namespace than ${name}'s PID 1`);
    const mine = readGuards(sys, p.pid);
    const its = readGuards(sys, init);
    if (!mine || !its) return fail(`PID ${p.pid} or ${init} is gone`);
    const sameCgroup = cgroupText(sys, p.pid) === cgroupText(sys, init);
    const parent = readProc(sys, p.ppid)?.comm ?? '?';
    const said = `PID ${p.pid} "${cmdline}" (PID ${mine.nsPids.at(-1)} inside), parent ${p.ppid} ${parent}: `
      + `${sameCgroup ? 'the container\'s cgroups' : 'not the container\'s cgroups'}, CapEff ${mine.capEff}${mine.capEff === its.capEff ? ' (PID 1\'s)' : ` (PID 1: ${its.capEff})`}, `
      + `Seccomp ${mine.seccomp}${mine.seccomp === its.seccomp ? ' (PID 1\'s)' : ` (PID 1: ${its.seccomp})`}`;
    if (via === 'docker-exec') {
      const ok = sameCgroup && mine.capEff === its.capEff && mine.seccomp === its.seccomp && parent.startsWith('containerd-shim');
      return ok ? pass(said) : fail(said);
    }
    const ok = !sameCgroup && mine.seccomp === 0 && parent === 'nsenter';
    return ok ? pass(said) : fail(said);
  },
});
