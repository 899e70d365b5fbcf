// joined-container decides from fake /proc entries: namespace links, the root's device:inode, the cgroup file and the parent.
import { describe, expect, it } from 'vitest';
import { joinedContainer } from '../../../src/checks/joinChecks.js';
import { fakeLab } from '../../support/fakeLab.js';
import { InodeSys } from '../../support/inodeSys.js';
import { addProcess } from '../../support/fakeProc.js';

const KINDS = ['pid', 'mnt', 'uts', 'ipc', 'net', 'cgroup'];
const INSIDE = Object.fromEntries(KINDS.map((k, i) => [k, `${k}:[402653230${i}]`]));
const HOST = Object.fromEntries(KINDS.map((k, i) => [k, `${k}:[402653183${i}]`]));
const LAB_CGROUP = '0::/container-lab-test/container';

interface P { pid: number; ppid: number; comm: string; ns?: Record<string, string>; root?: string; cgroup?: string; nsPids?: number[] }

/** PID 1 is 2000 (sh, in the container); the others as given. */
function lab(processes: P[]) {
  const sys = new InodeSys();
  const all: P[] = [{ pid: 2000, ppid: 1000, comm: 'sh', nsPids: [2000, 1] }, { pid: 1000, ppid: 1, comm: 'node', ns: HOST }, { pid: 300, ppid: 1, comm: 'bash', ns: HOST, root: '8:2', cgroup: '0::/user.slice' }, ...processes];
  for (const p of all) {
    addProcess(sys, p);
    for (const k of KINDS) sys.links.set(`/proc/${p.pid}/ns/${k}`, (p.ns ?? INSIDE)[k]);
    sys.identify({ [`/proc/${p.pid}/root`]: p.root ?? '9:7' });
    sys.files.set(`/proc/${p.pid}/cgroup`, `${p.cgroup ?? LAB_CGROUP}\n`);
  }
  const ctx = fakeLab({ sys });
  ctx.initPid = 2000;
  return ctx;
}

describe('joined-container', () => {
  it('passes on a process started from outside, in PID 1\'s namespaces, root and cgroup', () => {
    const ctx = lab([{ pid: 400, ppid: 300, comm: 'nsenter', ns: HOST, root: '8:2', cgroup: '0::/user.slice' }, { pid: 401, ppid: 400, comm: 'sleep', nsPids: [401, 7] }]);
    expect(joinedContainer.run(ctx, { comm: 'sleep' })).toEqual({ ok: true, detail: `sleep 401 (PID 7 inside) shares PID 1's namespaces, its root and its cgroup ${LAB_CGROUP}` });
  });

  it('says what is missing: the cgroup nsenter does not change, a parent inside, namespaces and root', () => {
    const nsenterOnly = lab([{ pid: 400, ppid: 300, comm: 'nsenter', ns: HOST }, { pid: 401, ppid: 400, comm: 'sleep', cgroup: '0::/user.slice' }]);
    expect(joinedContainer.run(nsenterOnly, { comm: 'sleep' })).toEqual({ ok: false, detail: `sleep 401: its cgroup is 0::/user.slice, PID 1's is ${LAB_CGROUP}` });
    const fromInside = lab([{ pid: 401, ppid: 2000, comm: 'sleep' }]);
    expect(joinedContainer.run(fromInside, { comm: 'sleep' })).toEqual({ ok: false, detail: 'sleep 401: its parent sh 2000 is inside the container: it was not started from outside' });
    const onHost = lab([{ pid: 401, ppid: 300, comm: 'sleep', ns: { ...INSIDE, net: HOST.net, uts: HOST.uts }, root: '8:2' }]);
    expect(joinedContainer.run(onHost, { comm: 'sleep' })).toEqual({ ok: false, detail: "sleep 401: not in PID 1's uts, net namespaces; its root is dev:ino 8:2, PID 1's is 9:7" });
    expect(joinedContainer.run(lab([]), { comm: 'sleep' })).toEqual({ ok: false, detail: 'no process named sleep runs on this machine' });
    expect(joinedContainer.run(fakeLab(), { comm: 'sleep' }).detail).toBe('the container has no PID 1');
  });

  it('picks the closest of several processes of that name', () => {
    const ctx = lab([{ pid: 401, ppid: 300, comm: 'sleep', ns: HOST, root: '8:2', cgroup: '0::/user.slice' }, { pid: 402, ppid: 300, comm: 'sleep', cgroup: '0::/user.slice' }]);
    expect(joinedContainer.run(ctx, { comm: 'sleep' }).detail).toBe(`sleep 402: its cgroup is 0::/user.slice, PID 1's is ${LAB_CGROUP}`);
  });
});
