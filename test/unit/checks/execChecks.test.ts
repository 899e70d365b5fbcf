// joined-as on a fake /proc: docker exec's process (PID 1's cgroups, CapEff, seccomp, a shim parent) against nsenter's (the namespaces alone).
import { describe, expect, it } from 'vitest';
import { joinedAs } from '../../../src/checks/execChecks.js';
import { chainLab } from '../../support/fakeChain.js';
import { addGuardedProcess, inspectAnswers } from '../../support/fakeContainer.js';

const CONTAINER = '6:freezer:/container-lab-test-docker/abc\n0::/container-lab-test-docker/abc\n';
const HOST = '6:freezer:/\n0::/\n';

function container() {
  const { ctx, d } = chainLab();
  inspectAnswers(ctx.sys, d, 'cl-life', { Pid: 20 });
  const inside = (pid: number) => {
    for (const ns of ['pid', 'mnt', 'uts', 'ipc', 'net']) ctx.sys.links.set(`/proc/${pid}/ns/${ns}`, `${ns}:[40265${ns.length}]`);
  };
  addGuardedProcess(ctx.sys, { pid: 10, ppid: 1, comm: 'containerd-shim', argv: ['containerd-shim-runc-v2', '-id', 'abc'] }, { seccomp: 0, capEff: '000001ffffffffff' });
  addGuardedProcess(ctx.sys, { pid: 20, ppid: 10, comm: 'sh', argv: ['sh', '-c', 'loop'], nsPids: [20, 1] });
  addGuardedProcess(ctx.sys, { pid: 30, ppid: 10, comm: 'sleep', argv: ['sleep', '1000'], nsPids: [30, 9] });
  addGuardedProcess(ctx.sys, { pid: 40, ppid: 39, comm: 'sleep', argv: ['sleep', '2000'], nsPids: [40, 15] }, { seccomp: 0, capEff: '000001ffffffffff' });
  addGuardedProcess(ctx.sys, { pid: 39, ppid: 1, comm: 'nsenter' }, { seccomp: 0, capEff: '000001ffffffffff' });
  for (const pid of [20, 30, 40]) inside(pid);
  ctx.sys.files.set('/proc/20/cgroup', CONTAINER);
  ctx.sys.files.set('/proc/30/cgroup', CONTAINER);
  ctx.sys.files.set('/proc/40/cgroup', HOST);
  return ctx;
}

describe('joined-as', () => {
  it('docker exec: the container\'s cgroups, PID 1\'s CapEff and Seccomp, the shim as parent', () => {
    expect(joinedAs.run(container(), { name: 'cl-life', cmdline: 'sleep 1000', via: 'docker-exec' })).toEqual({
      ok: true,
      detail: 'PID 30 "sleep 1000" (PID 9 inside), parent 10 containerd-shim: the container\'s cgroups, CapEff 00000000a80425fb (PID 1\'s), Seccomp 2 (PID 1\'s)',
    });
    expect(joinedAs.run(container(), { name: 'cl-life', cmdline: 'sleep 1000', via: 'nsenter' }).ok).toBe(false);
  });

  it('nsenter: the namespaces, but another cgroup, no seccomp, nsenter as parent', () => {
    expect(joinedAs.run(container(), { name: 'cl-life', cmdline: 'sleep 2000', via: 'nsenter' })).toEqual({
      ok: true,
      detail: 'PID 40 "sleep 2000" (PID 15 inside), parent 39 nsenter: not the container\'s cgroups, CapEff 000001ffffffffff (PID 1: 00000000a80425fb), Seccomp 0 (PID 1: 2)',
    });
    expect(joinedAs.run(container(), { name: 'cl-life', cmdline: 'sleep 2000', via: 'docker-exec' }).ok).toBe(false);
  });

  it('fails for a command not in the container, or in another of its namespaces', () => {
    const ctx = container();
    expect(joinedAs.run(ctx, { name: 'cl-life', cmdline: 'top', via: 'nsenter' }).detail).toBe('no process "top" in the PID namespace of cl-life (pid:[402653])');
    ctx.sys.links.set('/proc/40/ns/net', 'net:[1]');
    expect(joinedAs.run(ctx, { name: 'cl-life', cmdline: 'sleep 2000', via: 'nsenter' }).detail).toBe('PID 40 "sleep 2000" is in another net namespace than cl-life\'s PID 1');
  });
});
