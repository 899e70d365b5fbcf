// The shell's verdict from a fake /proc: own mnt and pid namespaces and a PID 1, or what is missing; a fresh proc when /proc is the host's.
import { describe, expect, it } from 'vitest';
import { RecordingSys } from '../../support/recordingSys.js';
import { shellVerdict } from '../../../src/observe/shellPlace.js';

const HOST = { mnt: 4026531841, pid: 4026531836, uts: 4026531838, net: 4026531840, ipc: 4026531839, cgroup: 4026531835, user: 4026531837, time: 4026531834 };
const HELPER = 100;
const BUILDER = 200;
const INIT = 300;

/** A process whose namespaces are the host's except those given. */
function proc(sys: RecordingSys, pid: number, own: Partial<Record<keyof typeof HOST | 'pid_for_children', number | null>> = {}): RecordingSys {
  for (const [type, inode] of Object.entries({ ...HOST, pid_for_children: HOST.pid, ...own })) {
    const name = type === 'pid_for_children' ? 'pid' : type;
    if (inode !== null) sys.links.set(`/proc/${pid}/ns/${type}`, `${name}:[${inode}]`);
  }
  return sys;
}

/** The proc mounted at a process's "/proc": its PID 1's PID namespace. */
function procAtRoot(sys: RecordingSys, pid: number, pidNs: number): void {
  sys.links.set(`/proc/${pid}/root/proc/1/ns/pid`, `pid:[${pidNs}]`);
}

function host(): RecordingSys {
  const sys = proc(new RecordingSys(), HELPER);
  proc(sys, 1);
  procAtRoot(sys, BUILDER, HOST.pid);
  return sys;
}

describe('shellVerdict', () => {
  it('a container process that has unshared nothing: no mount or PID namespace of its own', () => {
    const sys = proc(host(), BUILDER);
    expect(shellVerdict(sys, HELPER, { pid: BUILDER, via: 'fork' })).toMatchObject({ ok: false, missing: ['own mnt namespace', 'own pid namespace'] });
  });

  it('only a UTS namespace (lesson 2 early): still no container', () => {
    const sys = proc(host(), BUILDER, { uts: 9001 });
    expect(shellVerdict(sys, HELPER, { pid: BUILDER, via: 'fork' })).toMatchObject({ ok: false, missing: ['own mnt namespace', 'own pid namespace'] });
  });

  it('unshare(CLONE_NEWPID) with no PID 1 yet: the kernel shows no pid_for_children link, so PID 1 is what is missing', () => {
    const sys = proc(host(), BUILDER, { mnt: 9002, pid_for_children: null });
    expect(shellVerdict(sys, HELPER, { pid: BUILDER, via: 'fork' })).toMatchObject({ ok: false, missing: ['PID 1'] });
  });

  it('a PID namespace whose PID 1 has gone (no process in it): PID 1 missing', () => {
    const sys = proc(host(), BUILDER, { mnt: 9002, pid_for_children: 9003 });
    expect(shellVerdict(sys, HELPER, { pid: BUILDER, via: 'fork' })).toMatchObject({ ok: false, missing: ['PID 1'] });
  });

  it('own mnt and a PID namespace with its PID 1: a shell, with a fresh proc while /proc is the host\'s', () => {
    const sys = proc(host(), BUILDER, { mnt: 9002, uts: 9001, pid_for_children: 9003 });
    proc(sys, INIT, { mnt: 9002, uts: 9001, pid: 9003, pid_for_children: 9003 });
    const verdict = shellVerdict(sys, HELPER, { pid: BUILDER, via: 'fork' });
    expect(verdict).toMatchObject({ ok: true, freshProc: true });
    expect(verdict.ok && [...verdict.own].sort()).toEqual(['mnt', 'pid', 'uts']);
  });

  it('a /proc of the container\'s own PID namespace: no fresh proc needed', () => {
    const sys = proc(host(), BUILDER, { mnt: 9002, pid_for_children: 9003 });
    proc(sys, INIT, { mnt: 9002, pid: 9003, pid_for_children: 9003 });
    procAtRoot(sys, BUILDER, 9003);
    expect(shellVerdict(sys, HELPER, { pid: BUILDER, via: 'fork' })).toMatchObject({ ok: true, freshProc: false });
  });

  it('no proc at all at the container\'s /proc (a new root): a fresh one', () => {
    const sys = proc(host(), INIT, { mnt: 9002, pid: 9003, pid_for_children: 9003 });
    expect(shellVerdict(sys, HELPER, { pid: INIT, via: 'enter' })).toMatchObject({ ok: true, freshProc: true });
  });

  it('a process entered (a PID 1 or a chain container): its own ns/pid counts, not pid_for_children', () => {
    const sys = proc(host(), INIT, { mnt: 9002, pid: HOST.pid, pid_for_children: 9003 });
    expect(shellVerdict(sys, HELPER, { pid: INIT, via: 'enter' })).toMatchObject({ ok: false, missing: ['own pid namespace'] });
  });

  it('a process that is gone: nothing of its own', () => {
    expect(shellVerdict(host(), HELPER, { pid: 999, via: 'fork' })).toMatchObject({ ok: false, missing: ['own mnt namespace', 'own pid namespace'] });
  });
});
