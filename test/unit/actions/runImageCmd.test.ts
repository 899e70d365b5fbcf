// run-image-cmd: the image's Cmd run by the container process through chroot into the container's root.
import { describe, expect, it, vi } from 'vitest';
import { runImageCmd } from '../../../src/actions/runImageCmd.js';
import { dockerRun } from '../../../src/actions/dockerRunState.js';
import { fakeLab } from '../../support/fakeLab.js';

const MERGED = '/run/container-lab/session-test/containers/c1/merged';

vi.mock('../../../src/actions/layersState.js', async (original) => ({
  ...(await original<typeof import('../../../src/actions/layersState.js')>()),
  requireContainer: () => ({ upper: '', work: '', merged: MERGED }),
}));
// the lab image is built once per machine: here only its Cmd matters
vi.mock('../../../src/image/labImage.js', () => ({ ensureLabImage: async () => ({ cmd: ['/usr/bin/hello'] }) }));

describe('run-image-cmd', () => {
  it('runs the Cmd chrooted into the container\'s root; its stdout is the step\'s output for the checks', async () => {
    const ctx = fakeLab();
    dockerRun(ctx).name = 'brave_curie';
    ctx.builder.reply('run', { status: 0, signal: null, stdout: 'Hello from inside a container!\nI am PID 16\n', stderr: '' });
    const result = await runImageCmd.run(ctx, {});
    expect(ctx.builder.requests).toEqual([{ method: 'run', params: { command: ['chroot', MERGED, '/usr/bin/hello'] } }]);
    expect(result.stdout).toEqual(['Hello from inside a container!', 'I am PID 16']);
    expect(result.output).toEqual(['Cmd ["/usr/bin/hello"] in brave_curie:', 'Hello from inside a container!', 'I am PID 16']);
  });

  it('fails with the exit status and stderr', async () => {
    const ctx = fakeLab();
    ctx.builder.reply('run', { status: 1, signal: null, stdout: '', stderr: 'no such file\n' });
    await expect(runImageCmd.run(ctx, {})).rejects.toThrow('/usr/bin/hello exited with status 1: no such file');
  });
});
