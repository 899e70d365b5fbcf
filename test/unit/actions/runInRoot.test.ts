// run-in-root: the root process runs the command; its stdout is the step's; a failure says how it ended.
import { describe, expect, it } from 'vitest';
import { runInRoot } from '../../../src/actions/runInRoot.js';
import { startRootProcess } from '../../../src/actions/rootProcess.js';
import { rootChangerLab } from '../../support/rootChanger.js';
import { byHandLab } from '../../support/containerByHand.js';
import { containerByHand } from '../../../src/actions/containerInit.js';

describe('run-in-root', () => {
  it('a string runs with /bin/sh -c in the pivot process by default; stdout is the output', async () => {
    const ctx = rootChangerLab({ run: { status: 0, stdout: '  1 sleep\n  7 ps\n', stderr: '' } });
    await startRootProcess(ctx, 'pivot');
    const result = await runInRoot.run(ctx, runInRoot.params.parse({ command: 'ps' }));
    expect(ctx.builder.requests.at(-1)!.params).toEqual({ role: 'pivot', request: { op: 'run', argv: ['/bin/sh', '-c', 'ps'] } });
    expect(result.output).toEqual(['  1 sleep', '  7 ps']);
    expect(result.stdout).toEqual(['  1 sleep', '  7 ps']);
  });

  it('a list runs as it is in the chroot process; stderr is shown, silence said', async () => {
    const ctx = rootChangerLab({ run: { status: 0, stdout: '', stderr: 'warning\n' } });
    await startRootProcess(ctx, 'chroot');
    const result = await runInRoot.run(ctx, { command: ['/bin/true'], process: 'chroot' });
    expect(ctx.builder.requests.at(-1)!.params).toEqual({ role: 'chroot', request: { op: 'run', argv: ['/bin/true'] } });
    expect(result.output).toEqual(['stderr: warning']);
    const quiet = rootChangerLab({ run: { status: 0, stdout: '', stderr: '' } });
    await startRootProcess(quiet, 'chroot');
    expect((await runInRoot.run(quiet, { command: ['/bin/true'], process: 'chroot' })).output).toEqual(['(/bin/true printed nothing)']);
  });

  it('a non-zero exit fails the step with the first line of stderr', async () => {
    const ctx = rootChangerLab({ run: { status: 127, signal: null, stdout: '', stderr: 'sh: nope: not found\nmore' } });
    await startRootProcess(ctx, 'pivot');
    await expect(runInRoot.run(ctx, { command: 'nope', process: 'pivot' })).rejects.toThrow('/bin/sh -c nope exited with status 127: sh: nope: not found');
  });

  it('needs its process started first', async () => {
    await expect(runInRoot.run(rootChangerLab(), { command: 'ls', process: 'pivot' })).rejects.toThrow(/no pivot process yet/);
  });

  it('process init: the container\'s PID 1 runs it while it takes requests, never after its exec', async () => {
    const ctx = byHandLab('pivoted', { run: { status: 0, stdout: 'exit 1\n', stderr: '' } });
    const result = await runInRoot.run(ctx, { command: 'hostname x; echo "exit $?"', process: 'init' });
    expect(ctx.builder.requests).toEqual([{ method: 'rootProcessCall', params: { role: 'init', request: { op: 'run', argv: ['/bin/sh', '-c', 'hostname x; echo "exit $?"'] } } }]);
    expect(result.stdout).toEqual(['exit 1']);
    containerByHand(ctx)!.execed = true;
    await expect(runInRoot.run(ctx, { command: 'ls', process: 'init' })).rejects.toThrow(/already exec'd/);
  });
});
