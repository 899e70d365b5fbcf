// run: a command in the container (the container process runs it) or on the host (the helper does); its stdout is the step's.
import { describe, expect, it } from 'vitest';
import { run } from '../../../src/actions/run.js';
import { fakeLab } from '../../support/fakeLab.js';

describe('run', () => {
  it('in the container: asks the container process, a string through /bin/sh -c', async () => {
    const ctx = fakeLab();
    ctx.builder.reply('run', { status: 0, signal: null, stdout: 'container\n', stderr: 'note\n' });
    const result = await run.run(ctx, run.params.parse({ command: 'hostname' }));
    expect(ctx.builder.requests).toEqual([{ method: 'run', params: { command: ['/bin/sh', '-c', 'hostname'] } }]);
    expect(result.output).toEqual(['container', 'stderr: note']);
    expect(result.stdout).toEqual(['container']);
  });

  it('on the host: the helper runs the argv itself', async () => {
    const ctx = fakeLab();
    ctx.sys.answer(['uname', '-r'], { stdout: '6.8.0\n' });
    const result = await run.run(ctx, { command: ['uname', '-r'], where: 'host' });
    expect(ctx.builder.requests).toEqual([]);
    expect(ctx.sys.calls).toEqual([{ via: 'program', argv: ['uname', '-r'] }]);
    expect(result.stdout).toEqual(['6.8.0']);
    expect(result.log.map((e) => e.call)).toEqual(['uname']);
  });

  it('fails on a non-zero exit with its first stderr line, and when the program cannot start', async () => {
    const ctx = fakeLab();
    ctx.builder.reply('run', { status: 2, signal: null, stdout: '', stderr: 'ls: nope\nmore\n' });
    await expect(run.run(ctx, { command: ['ls', 'x'], where: 'container' })).rejects.toThrow('ls x exited with status 2: ls: nope');
    await expect(run.run(ctx, { command: ['missing'], where: 'host' })).rejects.toThrow(/could not run missing on the host/);
  });
});
