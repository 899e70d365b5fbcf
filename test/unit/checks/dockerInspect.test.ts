// inspectContainer on recorded `docker inspect` answers: the state and UpperDir, a clear error for what is not a container; runningPid.
import { describe, expect, it } from 'vitest';
import { inspectContainer, runningPid } from '../../../src/checks/dockerInspect.js';
import { chainLab } from '../../support/fakeChain.js';
import { inspectAnswers } from '../../support/fakeContainer.js';

describe('inspectContainer', () => {
  it('reads State and GraphDriver.Data; runningPid gives the PID or why there is none', () => {
    const { ctx, d } = chainLab();
    inspectAnswers(ctx.sys, d, 'cl-life', { Pid: 6521 }, '/s/overlay2/abc/diff');
    const c = inspectContainer(ctx, 'cl-life');
    expect(c.GraphDriver?.Data?.UpperDir).toBe('/s/overlay2/abc/diff');
    expect(runningPid(c)).toBe(6521);
    inspectAnswers(ctx.sys, d, 'cl-tini', { Status: 'exited', Running: false, ExitCode: 143 });
    expect(runningPid(inspectContainer(ctx, 'cl-tini'))).toBe('docker inspect cl-tini: State.Status exited, no process');
  });

  it('an answer that is no container, or a failing CLI, is an error the check fails with', () => {
    const { ctx, d } = chainLab();
    ctx.sys.answer(d.dockerArgv(['inspect', '--type', 'container', 'x']), { stdout: '[]' });
    expect(() => inspectContainer(ctx, 'x')).toThrow('docker inspect x: not the answer of a container');
    ctx.sys.answer(d.dockerArgv(['inspect', '--type', 'container', 'y']), { status: 1, stderr: 'Error: No such container: y\n' });
    expect(() => inspectContainer(ctx, 'y')).toThrow(/No such container: y/);
  });
});
