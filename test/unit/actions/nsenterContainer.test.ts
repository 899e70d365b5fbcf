// nsenter-container on the recording Sys: the nsenter argv, the wait for its child in the container's PID namespace, the table, the cleanup.
import { describe, expect, it } from 'vitest';
import { nsenterContainer } from '../../../src/actions/nsenterContainer.js';
import { chain } from '../../../src/actions/chainState.js';
import { chainLab } from '../../support/fakeChain.js';
import { addGuardedProcess } from '../../support/fakeContainer.js';

function lab() {
  const { ctx, d } = chainLab();
  ctx.sys.answer(d.dockerArgv(['inspect', '--format', '{{.State.Pid}}', 'cl-life']), { stdout: '20\n' });
  addGuardedProcess(ctx.sys, { pid: 20, ppid: 10, comm: 'sh', argv: ['sh', '-c', 'loop'], nsPids: [20, 1] });
  ctx.sys.links.set('/proc/20/ns/pid', 'pid:[4026532176]');
  ctx.sys.files.set('/proc/20/cgroup', '0::/container-lab-test-docker/abc\n');
  return ctx;
}

describe('nsenter-container', () => {
  it('starts nsenter into PID 1\'s namespaces, waits for the command inside, and shows both side by side', async () => {
    const ctx = lab();
    ctx.sys.onStart = (_argv, pid) => {
      addGuardedProcess(ctx.sys, { pid: pid + 1, ppid: pid, comm: 'sleep', argv: ['sleep', '2000'], nsPids: [pid + 1, 15] }, { seccomp: 0, capEff: '000001ffffffffff' });
      ctx.sys.links.set(`/proc/${pid + 1}/ns/pid`, 'pid:[4026532176]');
      ctx.sys.files.set(`/proc/${pid + 1}/cgroup`, '0::/\n');
      addGuardedProcess(ctx.sys, { pid, ppid: process.pid, comm: 'nsenter' });
    };
    const out = await nsenterContainer.run(ctx, { name: 'cl-life', command: ['sleep', '2000'] });
    const start = ctx.sys.calls.find((c) => c.via === 'start');
    expect(start && 'argv' in start ? start.argv : []).toEqual(['nsenter', '--target', '20', '--mount', '--uts', '--ipc', '--net', '--pid', '--', 'sleep', '2000']);
    if (!('output' in out)) throw new Error('skipped');
    expect(out.output[0]).toMatch(/^nsenter \d+ runs "sleep 2000" in the namespaces of cl-life's PID 20:$/);
    expect(out.output.slice(1, 2)).toEqual(['PID  in command    parent  cgroup  CapEff           Seccomp']);
    expect(out.output[2]).toMatch(/^20\s+1\s+sh -c loop\s+\?\s+its own\s+00000000a80425fb 2$/);
    expect(out.output[3]).toMatch(/^\d+\s+15 sleep 2000\s+nsenter\s+another\s+000001ffffffffff 0$/);
    expect(chain(ctx).view.blocks?.map((b) => b.title)).toEqual(['cl-life\'s processes, read from /proc']);
    expect(chain(ctx).cleanups).toHaveLength(1);
  });

  it('refuses a container that is not running', async () => {
    const { ctx, d } = chainLab();
    ctx.sys.answer(d.dockerArgv(['inspect', '--format', '{{.State.Pid}}', 'cl-life']), { stdout: '0\n' });
    await expect(nsenterContainer.run(ctx, { name: 'cl-life', command: ['sleep', '2000'] })).rejects.toThrow('docker container cl-life is not running');
  });
});
