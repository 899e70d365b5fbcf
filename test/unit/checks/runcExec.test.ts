// runc-exec-joined on a fake /proc: a second process in all of the init's namespaces and its cgroups, as runc exec makes it.
import { describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runcExecJoined } from '../../../src/checks/runcExec.js';
import { runcLayout } from '../../../src/chain/runcLayout.js';
import { fakeLab } from '../../support/fakeLab.js';
import { RecordingSys } from '../../support/recordingSys.js';

vi.mock('../../../native/findProgram.js', () => ({ whichProgram: () => '/usr/sbin/runc', findProgram: () => '/usr/sbin/runc' }));

const l = runcLayout('/run/container-lab/session-test', 'test', 'cgroupfs');
const INIT = 4321;
const fixture = JSON.parse(readFileSync(join(__dirname, '../../fixtures/chain/runc/state-created.json'), 'utf8'));
const NS = ['pid', 'mnt', 'uts', 'ipc', 'net'];
const CGROUP = '6:freezer:/container-lab-test-runc/cl-test\n4:memory:/container-lab-test-runc/cl-test\n';

function proc(sys: RecordingSys, pid: number, comm: string, o: { ns?: Record<string, string>; cgroup?: string; nsPid?: number } = {}): void {
  sys.files.set(`/proc/${pid}/stat`, `${pid} (${comm}) S 1 ${pid}`);
  sys.files.set(`/proc/${pid}/comm`, comm + '\n');
  sys.files.set(`/proc/${pid}/cgroup`, o.cgroup ?? CGROUP);
  sys.files.set(`/proc/${pid}/status`, `NSpid:\t${pid}\t${o.nsPid ?? 1}\n`);
  for (const ns of NS) sys.links.set(`/proc/${pid}/ns/${ns}`, o.ns?.[ns] ?? `${ns}:[40265318${NS.indexOf(ns)}]`);
}

function lab(status = 'running'): { ctx: ReturnType<typeof fakeLab>; sys: RecordingSys } {
  const sys = new RecordingSys();
  sys.answer(['/usr/sbin/runc', '--root', l.root, 'state', 'cl-test'], { stdout: JSON.stringify({ ...fixture, id: 'cl-test', status, pid: INIT }) });
  proc(sys, INIT, 'sleep');
  proc(sys, 1, 'systemd', { ns: { pid: 'pid:[4026531836]' }, cgroup: '6:freezer:/\n4:memory:/\n' });
  return { ctx: fakeLab({ sys }), sys };
}

describe('runc-exec-joined', () => {
  it('passes on a process in the same namespaces and cgroups as the init', () => {
    const { ctx, sys } = lab();
    proc(sys, 5000, 'sleep', { nsPid: 7 });
    expect(runcExecJoined.run(ctx, {})).toEqual({ ok: true, detail: 'PID 5000 sleep (PID 7 inside) shares the init\'s pid, mnt, uts, ipc, net namespaces and its cgroups' });
    expect(runcExecJoined.run(ctx, { comm: 'sh' }).ok).toBe(false);
  });

  it('fails with the init alone, and on nsenter\'s kind of entry (namespaces without the cgroup)', () => {
    const { ctx, sys } = lab();
    expect(runcExecJoined.run(ctx, {}).detail).toBe(`only the init, PID ${INIT}, is in the container's PID namespace pid:[402653180]`);
    proc(sys, 5000, 'sh', { cgroup: '6:freezer:/container-lab-test\n4:memory:/container-lab-test\n', nsPid: 3 });
    expect(runcExecJoined.run(ctx, {}).detail).toBe('in the container\'s PID namespace but not joined as runc exec does: PID 5000 sh: not in the container\'s cgroup');
    proc(sys, 5000, 'sh', { ns: { mnt: 'mnt:[4026531841]' } });
    expect(runcExecJoined.run(ctx, {}).detail).toBe('in the container\'s PID namespace but not joined as runc exec does: PID 5000 sh: another mnt namespace');
  });

  it('fails on a container that does not run', () => {
    expect(runcExecJoined.run(lab('paused').ctx, {}).detail).toBe('runc state says paused: runc exec needs a running container');
  });
});
