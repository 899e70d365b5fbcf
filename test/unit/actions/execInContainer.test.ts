// exec-in-container: the container process runs nsenter into PID 1's namespaces and root.
import { describe, expect, it } from 'vitest';
import { execInContainer } from '../../../src/actions/execInContainer.js';
import { byHandLab } from '../../support/containerByHand.js';

describe('exec-in-container', () => {
  it('runs nsenter --target=<PID 1> … -- /bin/sh -c <command> through the container process', async () => {
    const ctx = byHandLab('pivoted');
    ctx.builder.reply('run', { status: 0, signal: null, stdout: '    1 sh\n    9 ps\n', stderr: '' });
    const result = await execInContainer.run(ctx, { command: 'ps' });
    expect(ctx.builder.requests).toEqual([{ method: 'run', params: { command: ['nsenter', '--target=4001', '--mount', '--uts', '--ipc', '--net', '--pid', '--cgroup', '--root', '--wd', '--', '/bin/sh', '-c', 'ps'] } }]);
    expect(result.output).toEqual(['    1 sh', '    9 ps']);
    expect(result.stdout).toEqual(['    1 sh', '    9 ps']);
  });

  it('a failing program fails the step; before pivot-init nothing runs', async () => {
    const ctx = byHandLab('pivoted');
    ctx.builder.reply('run', { status: 1, signal: null, stdout: '', stderr: 'hostname: sethostname: Operation not permitted\n' });
    await expect(execInContainer.run(ctx, { command: ['hostname', 'x'] })).rejects.toThrow('hostname x exited with status 1: hostname: sethostname: Operation not permitted');
    const early = byHandLab('started');
    await expect(execInContainer.run(early, { command: 'ps' })).rejects.toThrow(/not pivoted/);
    expect(early.builder.requests).toEqual([]);
  });
});
