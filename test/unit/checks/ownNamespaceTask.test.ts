// task-in-own-namespace on a fake /proc and fake ctr/docker answers: a task of the learner's namespace, in the lab's places, unseen by docker.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { taskInOwnNamespace } from '../../../src/checks/ownNamespaceTask.js';
import { chainLab, type ChainLab } from '../../support/fakeChain.js';
import { addProcess } from '../../support/fakeProc.js';
import type { PrivateDaemons } from '../../../src/chain/daemons.js';

const LAB_CGROUP = '6:freezer:/container-lab-test-docker/web\n4:memory:/container-lab-test-docker/web\n';

function world(namespaces = 'default\nmine\nmoby\n', tasks = 'TASK PID STATUS\nweb 7021 RUNNING\n'): { ctx: ChainLab; d: PrivateDaemons } {
  const { ctx, d } = chainLab();
  const dir = ctx.session.dir;
  addProcess(ctx.sys, { pid: 7000, ppid: 1, comm: 'containerd-shim', argv: ['/usr/bin/containerd-shim-runc-v2', '-namespace', 'mine', '-id', 'web', '-address', `${dir}/containerd.sock`] });
  addProcess(ctx.sys, { pid: 7021, ppid: 7000, comm: 'sleep' });
  ctx.sys.files.set('/proc/7021/cgroup', LAB_CGROUP);
  ctx.sys.files.set(join(dir, 'runc-ctr/mine/web/state.json'), '{}');
  ctx.sys.answer(d.ctrArgv('default', ['namespaces', 'ls', '-q']), { stdout: namespaces });
  ctx.sys.answer(d.ctrArgv('mine', ['tasks', 'ls']), { stdout: tasks });
  ctx.sys.answer(d.dockerArgv(['ps', '-a', '--no-trunc', '--format', '{{.ID}} {{.Names}}']), { stdout: 'd299bce2daf8 container-lab-docker\n' });
  return { ctx, d };
}

describe('task-in-own-namespace', () => {
  it('passes on a running task of namespace mine under a lab shim, in the lab\'s cgroups and runc root', () => {
    expect(taskInOwnNamespace.run(world().ctx, { except: ['moby', 'default'] })).toEqual({
      ok: true,
      detail: 'ctr -n mine tasks ls: web PID 7021 RUNNING under a lab shim, in the lab\'s cgroups; docker ps -a lists 1 container(s), not it',
    });
  });

  it('fails with no namespace of one\'s own, or no running task there', () => {
    expect(taskInOwnNamespace.run(world('default\nmoby\n').ctx, { except: ['moby', 'default'] }).detail).toBe('ctr namespaces ls lists only default, moby: no namespace of your own');
    expect(taskInOwnNamespace.run(world(undefined, 'TASK PID STATUS\n').ctx, { except: ['moby', 'default'] }).detail).toBe('mine: no task RUNNING');
    expect(taskInOwnNamespace.run(world(undefined, 'TASK PID STATUS\nweb 7021 STOPPED\n').ctx, { except: ['moby', 'default'] }).detail).toBe('mine: no task RUNNING (web STOPPED)');
  });

  it('fails on a task outside the lab\'s cgroups or runc root, saying which flag puts it there', () => {
    const { ctx } = world();
    ctx.sys.files.set('/proc/7021/cgroup', '6:freezer:/mine/web\n');
    expect(taskInOwnNamespace.run(ctx, { except: ['moby', 'default'] }).detail).toBe('mine/web: its cgroup /mine/web is not under the lab\'s /container-lab-test-… (ctr run --cgroup)');
    ctx.sys.files.set('/proc/7021/cgroup', LAB_CGROUP);
    ctx.sys.files.delete(join(ctx.session.dir, 'runc-ctr/mine/web/state.json'));
    expect(taskInOwnNamespace.run(ctx, { except: ['moby', 'default'] }).detail).toMatch(/^mine\/web: runc keeps its state elsewhere, not in .*\/runc-ctr\/mine\/web\/state\.json \(ctr run --runc-root .*\/runc-ctr\)$/);
  });

  it('fails when docker lists it', () => {
    const { ctx, d } = world();
    ctx.sys.programs.unshift({ match: (a) => a.join(' ') === d.dockerArgv(['ps', '-a', '--no-trunc', '--format', '{{.ID}} {{.Names}}']).join(' '), answer: { stdout: 'abc web\n' } });
    expect(taskInOwnNamespace.run(ctx, { except: ['moby', 'default'] }).detail).toBe('docker ps -a lists web: abc web');
  });
});
