// cgroup-frozen on a fake v1 freezer: FROZEN with every task in D, THAWED, and what docker inspect says beside it.
import { describe, expect, it } from 'vitest';
import { cgroupFrozen } from '../../../src/checks/frozenChecks.js';
import { chainLab } from '../../support/fakeChain.js';
import { inspectAnswers } from '../../support/fakeContainer.js';
import { addProcess } from '../../support/fakeProc.js';

const DIR = '/sys/fs/cgroup/freezer/container-lab-test-docker/abc';

function freezer(state: string, letters: [string, string], paused: boolean) {
  const { ctx, d } = chainLab();
  inspectAnswers(ctx.sys, d, 'cl-life', { Pid: 7, Paused: paused, Status: paused ? 'paused' : 'running' });
  ctx.sys.files.set('/proc/self/mountinfo', '30 25 0:26 / /sys/fs/cgroup/freezer rw - cgroup cgroup rw,freezer\n');
  ctx.sys.files.set('/proc/7/cgroup', '6:freezer:/container-lab-test-docker/abc\n');
  ctx.sys.files.set(`${DIR}/freezer.state`, `${state}\n`);
  ctx.sys.files.set(`${DIR}/cgroup.procs`, '7\n9\n');
  addProcess(ctx.sys, { pid: 7, ppid: 6, comm: 'sh', state: letters[0] });
  addProcess(ctx.sys, { pid: 9, ppid: 7, comm: 'sleep', state: letters[1] });
  ctx.sys.files.set('/proc/7/wchan', '__refrigerator');
  return ctx;
}

describe('cgroup-frozen', () => {
  it('FROZEN with every task in D, and dockerd agreeing', () => {
    expect(cgroupFrozen.run(freezer('FROZEN', ['D', 'D'], true), { name: 'cl-life', frozen: true, dockerSays: 'paused' })).toEqual({
      ok: true, detail: `${DIR}/freezer.state: FROZEN; 7 sh D (__refrigerator), 9 sleep D; docker inspect: State.Paused true`,
    });
  });

  it('the freezer file decides, whatever letter the kernel shows a frozen task (R on Linux 6.1–6.12); dockerd disagreeing fails, and so does a thawed cgroup', () => {
    expect(cgroupFrozen.run(freezer('FROZEN', ['R', 'R'], true), { name: 'cl-life', frozen: true }).ok).toBe(true);
    expect(cgroupFrozen.run(freezer('FROZEN', ['D', 'D'], false), { name: 'cl-life', frozen: true, dockerSays: 'paused' }).detail).toMatch(/; but docker inspect says State\.Paused false$/);
    expect(cgroupFrozen.run(freezer('THAWED', ['S', 'S'], false), { name: 'cl-life', frozen: true }).ok).toBe(false);
    expect(cgroupFrozen.run(freezer('THAWED', ['S', 'S'], false), { name: 'cl-life', frozen: false, dockerSays: 'running' }).ok).toBe(true);
  });
});
